using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Execution;

/// <summary>
/// The state commitment chains every block's sorted state writes and receipts onto the previous
/// commitment: C(h) = H(C(h-1) || h || writes || receipts). Any differing write or outcome makes
/// two nodes disagree at the first block where they differ, and computing it needs only the
/// block's own writes, so its cost does not grow with the size of the state.
/// </summary>
public static class StateCommitment
{
    public static Hash256 Genesis(ReadOnlySpan<byte> genesisDocument) =>
        DomainHash.Of(DomainTag.StateCommitment, genesisDocument);

    public static Hash256 Next(
        Hash256 previous, long height, IReadOnlyList<KeyValuePair<byte[], byte[]?>> sortedWrites, IReadOnlyList<byte[]> encodedReceipts)
    {
        ArgumentNullException.ThrowIfNull(sortedWrites);
        ArgumentNullException.ThrowIfNull(encodedReceipts);
        var writer = new CanonicalWriter(64 + (sortedWrites.Count * 96) + (encodedReceipts.Count * 40));
        writer.Hash(previous).VarUInt((ulong)height).VarUInt((ulong)sortedWrites.Count);
        foreach (var (key, value) in sortedWrites)
        {
            writer.Bytes(key).Bool(value is not null);
            if (value is not null)
            {
                writer.Bytes(value);
            }
        }

        writer.VarUInt((ulong)encodedReceipts.Count);
        foreach (var receipt in encodedReceipts)
        {
            writer.Hash(Hash256.Sha256(receipt));
        }

        return DomainHash.Of(DomainTag.StateCommitment, writer.WrittenSpan);
    }
}
