using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// Payload of supply/aggregate (pack packs into a case or pallet, EPCIS AggregationEvent ADD) and
/// supply/disaggregate (unpack all of it, DELETE; no children are named); <see cref="EventHash"/>
/// is the EPCIS event's hash when it was captured as one.
/// </summary>
public sealed record AggregationRequest(Sscc Parent, IReadOnlyList<PackId> Children, string Location, Hash256? EventHash = null)
{
    public byte[] Encode()
    {
        var writer = new CanonicalWriter(64 + (Children.Count * 36)).Text(Parent.Value).VarUInt((ulong)Children.Count);
        foreach (var child in Children)
        {
            writer.Pack(child);
        }

        return SupplyEventHash.Write(writer.Text(Location), EventHash).ToArray();
    }

    public static AggregationRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var at = reader.Position;
        var parent = Sscc.TryParse(reader.Text(18, "sscc"), out var sscc, out _) ? sscc : throw new CodecException("the parent is not an SSCC", at);
        var children = new PackId[reader.Length(ContainerRecord.MaxChildren, "children")];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = SupplyCodec.ReadPack(ref reader);
        }

        var location = reader.Text(SupplyCodec.MaxLocationBytes, "location");
        var eventHash = SupplyEventHash.Read(ref reader);
        reader.End("aggregation payload");
        return new AggregationRequest(parent, children, location, eventHash);
    }

    public string? Validate(bool aggregate)
    {
        if (aggregate ? Children.Count == 0 : Children.Count != 0)
        {
            return SupplyErrors.EmptyBatch;
        }

        if (Children.Distinct().Count() != Children.Count)
        {
            return SupplyErrors.DuplicatePack;
        }

        return SupplyCodec.IsLocation(Location) ? null : SupplyErrors.InvalidLocation;
    }
}
