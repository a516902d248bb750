namespace Carechain.Node.Api.Supply;

/// <summary>One event's transaction in a capture job; <see cref="AdmissionError"/> is the code when admission refused it (or <c>duplicate_event</c>); <see cref="EventId"/> its hash id.</summary>
internal sealed record CaptureJobItem(string TxId, string? AdmissionError, string? EventId = null);
