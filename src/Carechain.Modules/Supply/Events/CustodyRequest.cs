using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply.Events;

/// <summary>
/// Payload of supply/ship, receive, dispense, decommission and return: the packs (what), the
/// receiver for ship and return, the reason for decommission (why), and the site (where). When
/// is the block's time; who is the signing key's organisation. Cases and pallets (SSCCs) carry
/// every pack packed in them. All packs change or none. <see cref="EventHash"/> is the EPCIS event
/// hash of the event it was captured as (see <see cref="SupplyEventHash"/>).
/// </summary>
public sealed record CustodyRequest(
    IReadOnlyList<PackId> Packs, OrganisationId? Receiver, string Reason, string Location, IReadOnlyList<Sscc>? Containers = null, Hash256? EventHash = null)
{
    public const int MaxPacks = 1_000;

    public IReadOnlyList<Sscc> AllContainers => Containers ?? [];

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(64 + (Packs.Count * 32)).VarUInt((ulong)Packs.Count);
        foreach (var pack in Packs)
        {
            writer.Pack(pack);
        }

        writer.VarUInt((ulong)AllContainers.Count);
        foreach (var container in AllContainers)
        {
            writer.Text(container.Value);
        }

        return SupplyEventHash.Write(writer.Organisation(Receiver).Text(Reason).Text(Location), EventHash).ToArray();
    }

    public static CustodyRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var packs = new PackId[reader.Length(MaxPacks, "packs")];
        for (var i = 0; i < packs.Length; i++)
        {
            packs[i] = SupplyCodec.ReadPack(ref reader);
        }

        var containers = new Sscc[reader.Length(MaxPacks, "containers")];
        for (var i = 0; i < containers.Length; i++)
        {
            var at = reader.Position;
            containers[i] = Sscc.TryParse(reader.Text(18, "sscc"), out var sscc, out _) ? sscc : throw new CodecException("a container is not an SSCC", at);
        }

        var receiver = SupplyCodec.ReadOrganisation(ref reader);
        var reason = reader.Text(SupplyCodec.MaxReasonBytes, "reason");
        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        var eventHash = SupplyEventHash.Read(ref reader);
        reader.End("custody payload");
        return new CustodyRequest(packs, receiver, reason, location, containers, eventHash);
    }

    /// <summary>Null when the request has the shape <paramref name="action"/> needs, else the error code.</summary>
    public string? Validate(CustodyAction action)
    {
        if (Packs.Count + AllContainers.Count is 0 or > MaxPacks)
        {
            return SupplyErrors.EmptyBatch;
        }

        if (Packs.Distinct().Count() != Packs.Count || AllContainers.Distinct().Count() != AllContainers.Count)
        {
            return SupplyErrors.DuplicatePack;
        }

        if (!SupplyCodec.IsLocation(Location))
        {
            return SupplyErrors.InvalidLocation;
        }

        var needsReceiver = action is CustodyAction.Ship or CustodyAction.Return;
        if (needsReceiver != Receiver.HasValue)
        {
            return SupplyErrors.UnknownReceiver;
        }

        var reasonOk = action switch
        {
            CustodyAction.Decommission => DecommissionReasons.All.Contains(Reason),
            CustodyAction.Undo => DecommissionReasons.UndoReasons.Contains(Reason),
            _ => Reason.Length == 0,
        };
        return reasonOk ? null : SupplyErrors.InvalidReason;
    }
}
