namespace Carechain.Client;

/// <summary>
/// The verdict of <see cref="OfflineProofVerifier"/>. <see cref="Reason"/> is always one line of plain
/// text: what was proven when the proof holds, otherwise the first check that failed.
/// </summary>
public sealed record ProofVerificationResult(ProofFailure Failure, string Reason)
{
    public bool IsValid => Failure == ProofFailure.None;
}
