using Carechain.Core.Codec;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Replication;

/// <summary>
/// The wire form of consecutive blocks served to a member catching up: a count, then each block's
/// encoding (<see cref="Block.Encode"/>) length-prefixed, in height order. Bounded in count and size.
/// </summary>
public static class BlockBatch
{
    /// <summary>The most blocks one batch carries.</summary>
    public const int MaxBlocks = 256;

    /// <summary>A batch stops growing once it holds this many bytes (it always holds at least one block).</summary>
    public const int TargetBytes = 4 * 1024 * 1024;

    private static readonly int MaxBlockBytes = 1024 + 16 + (BlockLimits.MaxTransactions * (TransactionLimits.MaxEncodedBytes + 8));

    public static byte[] Encode(IReadOnlyList<byte[]> encodedBlocks)
    {
        ArgumentNullException.ThrowIfNull(encodedBlocks);
        var writer = new CanonicalWriter(16 + encodedBlocks.Sum(b => b.Length + 8));
        writer.VarUInt((ulong)encodedBlocks.Count);
        foreach (var block in encodedBlocks)
        {
            writer.Bytes(block);
        }

        return writer.ToArray();
    }

    /// <summary>The encoded blocks of a batch; throws <see cref="CodecException"/> when it is not one.</summary>
    public static IReadOnlyList<byte[]> Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var blocks = new byte[reader.Length(MaxBlocks, "block batch")][];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = reader.Bytes(MaxBlockBytes, "block").ToArray();
        }

        reader.End("block batch");
        return blocks;
    }
}
