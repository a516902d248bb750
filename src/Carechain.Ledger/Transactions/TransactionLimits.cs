namespace Carechain.Ledger.Transactions;

/// <summary>Size bounds that every node enforces identically when decoding a transaction.</summary>
public static class TransactionLimits
{
    public const int MaxChainIdBytes = 64;
    public const int MaxNameBytes = 32;
    public const int MaxPayloadBytes = 64 * 1024;
    public const int MaxEncodedBytes = MaxPayloadBytes + 512;
}
