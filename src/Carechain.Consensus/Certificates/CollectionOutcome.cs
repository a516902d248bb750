using Carechain.Ledger.Checkpoints;

namespace Carechain.Consensus.Certificates;

/// <summary>
/// What one attestation (or this node applying a block) did to the collection: refused, or taken;
/// and then perhaps a certificate completed, a peer found disagreeing with this node, or a quorum
/// found disagreeing with it, which means this node diverged.
/// </summary>
public sealed record CollectionOutcome(string? Refusal, CheckpointCertificate? Certified, string? Disagreement, string? Divergence)
{
    public static readonly CollectionOutcome Nothing = new(null, null, null, null);

    public static CollectionOutcome Refused(string reason) => new(reason, null, null, null);
}
