namespace Carechain.Node.Api.Supply;

/// <summary>One event's transaction in a capture job; <see cref="AdmissionError"/> is the code when admission refused it.</summary>
internal sealed record CaptureJobItem(string TxId, string? AdmissionError);
