namespace Carechain.Client.Contracts;

/// <summary>A capture the node accepted (202): its id and, per event in order, its transaction id and admission status.</summary>
public sealed record EpcisCaptureResponse(string CaptureId, IReadOnlyList<BatchItemResult> Events);
