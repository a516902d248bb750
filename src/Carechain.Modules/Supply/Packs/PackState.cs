using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// A pack's state once anything happened to it after commissioning (before that it is active with
/// its manufacturer, which the batch says; no per-pack key is written for a million fresh packs).
/// <see cref="LastMoveHeight"/> is the height of its last change of custody, so two scans at two
/// places are a clone only when no movement lies between them. <see cref="Container"/> is the SSCC of
/// the case or pallet it is packed in (empty when loose): a packed pack moves only with its container.
/// </summary>
public sealed record PackState(
    OrganisationId Holder, PackStatus Status, OrganisationId? Receiver, string Reason, int EventCount, long LastMoveHeight, PackScan? LastScan, string Container = "")
{
    public const byte FormatVersion = 1;

    public static PackState Fresh(BatchRecord batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new(batch.Manufacturer, PackStatus.Active, null, string.Empty, 0, batch.Height, null, string.Empty);
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128).Byte(FormatVersion).Organisation(Holder).Byte((byte)Status).Organisation(Receiver).Text(Reason)
            .VarUInt((ulong)EventCount).VarUInt((ulong)LastMoveHeight).Text(Container).Bool(LastScan is not null);
        if (LastScan is { } scan)
        {
            writer.Key(scan.Verifier).Organisation(scan.Organisation).Text(scan.Location).VarUInt((ulong)scan.TimestampMs).VarUInt((ulong)scan.Height);
        }

        return writer.ToArray();
    }

    public static PackState Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("pack state", FormatVersion);
        var holder = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("pack holder missing", reader.Position);
        var at = reader.Position;
        var status = reader.Byte();
        if (!Enum.IsDefined((PackStatus)status))
        {
            throw new CodecException($"unknown pack status {status}", at);
        }

        var receiver = SupplyCodec.ReadOrganisation(ref reader);
        var reason = reader.Text(SupplyCodec.MaxReasonBytes, "reason");
        var events = (int)reader.VarUInt(int.MaxValue, "event count");
        var moved = (long)reader.VarUInt(long.MaxValue, "last move");
        var container = reader.Text(18, "container");
        PackScan? scan = null;
        if (reader.Bool())
        {
            scan = new PackScan(
                reader.Key("verifier"),
                SupplyCodec.ReadOrganisation(ref reader),
                reader.Text(SupplyCodec.MaxLocationBytes, "location"),
                (long)reader.VarUInt(long.MaxValue, "timestamp"),
                (long)reader.VarUInt(long.MaxValue, "height"));
        }

        reader.End("pack state");
        return new PackState(holder, (PackStatus)status, receiver, reason, events, moved, scan, container);
    }
}
