using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Ledger.Execution;

/// <summary>
/// What a module may know about the block it runs in: the only source of time in execution, and
/// the chain's genesis document (its founding organisations and governance policy), which is the
/// same on every node of the chain.
/// </summary>
public sealed record BlockContext(GenesisDocument Genesis, long Height, long TimestampMs, Ed25519PublicKey Producer)
{
    public string ChainId => Genesis.ChainId;
}
