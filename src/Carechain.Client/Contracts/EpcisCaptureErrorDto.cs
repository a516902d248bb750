namespace Carechain.Client.Contracts;

/// <summary>An event of a capture whose transaction was refused at admission or rejected in its block (or that was a duplicate), with the chain's error code.</summary>
public sealed record EpcisCaptureErrorDto(string TxId, string Code, string? EventId = null);
