using Carechain.Core.Codec;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Packs;

/// <summary>
/// A case or pallet (SSCC) and the packs packed in it. Its custody is kept as a <see cref="PackState"/>
/// so it follows the same transition table as a pack; an event on it applies to every pack inside.
/// </summary>
public sealed record ContainerRecord(Sscc Sscc, PackState State, IReadOnlyList<PackId> Children)
{
    public const byte FormatVersion = 1;
    public const int MaxChildren = 2_000;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(64 + (Children.Count * 36)).Byte(FormatVersion).Text(Sscc.Value).Bytes(State.Encode()).VarUInt((ulong)Children.Count);
        foreach (var child in Children)
        {
            writer.Pack(child);
        }

        return writer.ToArray();
    }

    public static ContainerRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("container record", FormatVersion);
        var at = reader.Position;
        var sscc = Gs1.Sscc.TryParse(reader.Text(18, "sscc"), out var s, out _) ? s : throw new CodecException("bad SSCC", at);
        var state = PackState.Decode(reader.Bytes(4096, "container state"));
        var children = new PackId[reader.Length(MaxChildren, "children")];
        for (var i = 0; i < children.Length; i++)
        {
            children[i] = SupplyCodec.ReadPack(ref reader);
        }

        reader.End("container record");
        return new ContainerRecord(sscc, state, children);
    }
}
