namespace Carechain.Node.Api.Supply;

/// <summary>A transaction of a capture that was refused at admission, was a duplicate or was rejected in its block, with the chain's error code.</summary>
internal sealed record CaptureJobError(string TxId, string Code, string? EventId);
