using Carechain.Core.Codec;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Execution;

/// <summary>
/// The outcome of one committed transaction. Receipts are part of the state commitment,
/// so a node that reports a different outcome disagrees on the block.
/// </summary>
public sealed record Receipt(
    TxId TxId,
    long Height,
    int Index,
    ReceiptStatus Status,
    string ErrorCode,
    IReadOnlyList<LedgerEvent> Events)
{
    public const byte FormatVersion = 1;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128);
        writer.Byte(FormatVersion)
            .Hash(TxId.Hash)
            .VarUInt((ulong)Height)
            .VarUInt((ulong)Index)
            .Byte((byte)Status)
            .Text(ErrorCode)
            .VarUInt((ulong)Events.Count);
        foreach (var e in Events)
        {
            writer.Text(e.Name).VarUInt((ulong)e.Attributes.Count);
            foreach (var (key, value) in e.Attributes)
            {
                writer.Text(key).Text(value);
            }
        }

        return writer.ToArray();
    }

    public static Receipt Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("receipt", FormatVersion);
        var txId = new TxId(reader.Hash("tx id"));
        var height = (long)reader.VarUInt(long.MaxValue, "height");
        var index = (int)reader.VarUInt(Blocks.BlockLimits.MaxTransactions, "index");
        var statusAt = reader.Position;
        var status = reader.Byte() switch
        {
            0 => ReceiptStatus.Success,
            1 => ReceiptStatus.Rejected,
            var other => throw new CodecException($"Unknown receipt status {other}", statusAt),
        };
        var errorCode = reader.Text(64, "error code");
        var events = new LedgerEvent[reader.Length(256, "event list")];
        for (var i = 0; i < events.Length; i++)
        {
            var name = reader.Text(64, "event name");
            var attributes = new KeyValuePair<string, string>[reader.Length(64, "attribute list")];
            for (var j = 0; j < attributes.Length; j++)
            {
                attributes[j] = KeyValuePair.Create(reader.Text(64, "attribute key"), reader.Text(1024, "attribute value"));
            }

            events[i] = new LedgerEvent(name, attributes);
        }

        reader.End("receipt");
        return new Receipt(txId, height, index, status, errorCode, events);
    }
}
