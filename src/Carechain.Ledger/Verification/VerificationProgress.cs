namespace Carechain.Ledger.Verification;

/// <summary>How far an offline verification has got.</summary>
public readonly record struct VerificationProgress(long Height, long HeadHeight);
