namespace Carechain.Client.Contracts;

/// <summary>
/// A self-contained proof that a transaction is in the chain's log, as written by
/// <c>carechain anchor</c>: the inclusion proof, the checkpoint it was taken against, and
/// optionally a consistency proof from that checkpoint's log size to a later one's.
/// </summary>
public sealed record ProofFile(
    string Format,
    int Version,
    InclusionProofDto Inclusion,
    CheckpointDto Checkpoint,
    ConsistencyProofDto? Consistency)
{
    public const string FormatName = "carechain-inclusion-proof";
    public const int CurrentVersion = 1;
}
