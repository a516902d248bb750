namespace Carechain.Ledger.Checkpoints;

/// <summary>The outcome of checking a checkpoint certificate, with a one-line reason naming the defect.</summary>
public sealed record CertificateVerdict(CertificateFailure Failure, string Reason)
{
    public bool IsValid => Failure == CertificateFailure.None;
}
