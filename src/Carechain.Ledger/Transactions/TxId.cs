using Carechain.Core.Hashing;

namespace Carechain.Ledger.Transactions;

/// <summary>A transaction's id: the domain-tagged SHA-256 of its signed bytes.</summary>
public readonly record struct TxId(Hash256 Hash)
{
    public static bool TryParse(string? hex, out TxId id)
    {
        var ok = Hash256.TryParse(hex, out var hash);
        id = new TxId(hash);
        return ok;
    }

    public override string ToString() => Hash.ToString();
}
