namespace Carechain.Ledger.Verification;

/// <summary>Raised inside the verifier to stop at the first inconsistency; never escapes it.</summary>
internal sealed class StoreDamage(long? height, string reason) : Exception(reason)
{
    public long? Height { get; } = height;
}
