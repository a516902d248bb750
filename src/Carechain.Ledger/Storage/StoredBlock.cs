using Carechain.Core.Codec;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Storage;

/// <summary>
/// A block as the store keeps it: the header and its transaction ids (the transactions
/// themselves are stored once, by id).
/// </summary>
public sealed record StoredBlock(BlockHeader Header, IReadOnlyList<TxId> TxIds)
{
    public byte[] Encode()
    {
        var writer = new CanonicalWriter(300 + (TxIds.Count * 32));
        writer.Bytes(Header.Encode()).VarUInt((ulong)TxIds.Count);
        foreach (var id in TxIds)
        {
            writer.Hash(id.Hash);
        }

        return writer.ToArray();
    }

    public static StoredBlock Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var header = BlockHeader.Decode(reader.Bytes(1024, "block header"));
        var ids = new TxId[reader.Length(BlockLimits.MaxTransactions, "transaction id list")];
        if (ids.Length != header.TxCount)
        {
            throw new CodecException($"Stored block lists {ids.Length} transactions but its header says {header.TxCount}", reader.Position);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = new TxId(reader.Hash("transaction id"));
        }

        reader.End("stored block");
        return new StoredBlock(header, ids);
    }
}
