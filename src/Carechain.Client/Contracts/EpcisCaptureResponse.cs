namespace Carechain.Client.Contracts;

/// <summary>A capture the node accepted (202): its id and, per event in order, its hash id, transaction id and status.</summary>
public sealed record EpcisCaptureResponse(string CaptureId, IReadOnlyList<EpcisCaptureEventResult> Events);
