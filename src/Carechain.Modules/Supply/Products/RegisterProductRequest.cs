using System.Text;
using Carechain.Core.Codec;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Products;

/// <summary>Payload of supply/product: register a GTIN (under a prefix the author's organisation owns) with a trade name.</summary>
public sealed record RegisterProductRequest(Gtin Gtin, string Name)
{
    public byte[] Encode() => new CanonicalWriter(128).Gtin(Gtin).Text(Name).ToArray();

    public static RegisterProductRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var gtin = SupplyCodec.ReadGtin(ref reader);
        var name = reader.Text(ProductRecord.MaxNameBytes, "name");
        reader.End("product payload");
        return new RegisterProductRequest(gtin, name);
    }

    public bool HasValidName() =>
        Name.Length > 0 && Name.Trim().Length == Name.Length && !Name.Any(char.IsControl) && Encoding.UTF8.GetByteCount(Name) <= ProductRecord.MaxNameBytes;
}
