namespace Carechain.Node.Api.Supply;

/// <summary>A transaction of a capture that was refused at admission or rejected in its block, with the chain's error code.</summary>
internal sealed record CaptureJobError(string TxId, string Code);
