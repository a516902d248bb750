using Carechain.Core.Crypto;

namespace Carechain.Ledger.Execution;

/// <summary>What a module may know about the block it runs in: the only source of time in execution.</summary>
public sealed record BlockContext(string ChainId, long Height, long TimestampMs, Ed25519PublicKey Producer);
