namespace Carechain.Node.Api.Supply;

/// <summary>A capture job's state read from the chain: running until every admitted transaction has its receipt.</summary>
internal sealed record CaptureJobStatus(bool Running, bool Success, long? FinishedAtMs, IReadOnlyList<CaptureJobError> Errors);
