using Carechain.Core.Codec;
using Carechain.Core.Merkle;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Blocks;

/// <summary>A header and the transactions it orders, in order.</summary>
public sealed record Block(BlockHeader Header, IReadOnlyList<Transaction> Transactions)
{
    /// <summary>RFC 9162 Merkle root over the transaction ids, in block order.</summary>
    public static Core.Hashing.Hash256 ComputeTxRoot(IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var frontier = new MerkleFrontier();
        var completed = new List<MerkleNode>(2);
        Span<byte> id = stackalloc byte[Core.Hashing.Hash256.Size];
        foreach (var tx in transactions)
        {
            tx.Id.Hash.WriteTo(id);
            frontier.Append(MerkleHash.Leaf(id), completed);
            completed.Clear();
        }

        return frontier.Root;
    }

    /// <summary>Header followed by every transaction, each length-prefixed.</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter(512 + (Transactions.Count * 256));
        writer.Bytes(Header.Encode()).VarUInt((ulong)Transactions.Count);
        foreach (var tx in Transactions)
        {
            writer.Bytes(tx.Encoded.Span);
        }

        return writer.ToArray();
    }

    /// <summary>Decodes a block and checks that it is internally consistent (count and tx root).</summary>
    public static Block Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var headerBytes = reader.Bytes(1024, "block header");
        var header = BlockHeader.Decode(headerBytes);
        var count = reader.Length(BlockLimits.MaxTransactions, "transaction list");
        if (count != header.TxCount)
        {
            throw new CodecException($"Block holds {count} transactions but its header says {header.TxCount}", reader.Position);
        }

        var transactions = new Transaction[count];
        for (var i = 0; i < count; i++)
        {
            transactions[i] = Transaction.Decode(reader.Bytes(TransactionLimits.MaxEncodedBytes, "transaction"));
        }

        reader.End("block");
        if (ComputeTxRoot(transactions) != header.TxRoot)
        {
            throw new CodecException("The transactions do not match the header's tx root", 0);
        }

        return new Block(header, transactions);
    }
}
