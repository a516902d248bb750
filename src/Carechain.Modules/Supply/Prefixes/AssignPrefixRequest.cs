using Carechain.Core.Codec;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Supply.Prefixes;

/// <summary>Payload of supply/assign-prefix: a regulator's admin assigns a GS1 company prefix to a manufacturer.</summary>
public sealed record AssignPrefixRequest(CompanyPrefix Prefix, OrganisationId Owner)
{
    public byte[] Encode() => new CanonicalWriter(48).Text(Prefix.Value).Organisation(Owner).ToArray();

    public static AssignPrefixRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var at = reader.Position;
        var text = reader.Text(CompanyPrefix.MaxLength, "prefix");
        if (!CompanyPrefix.TryParse(text, out var prefix))
        {
            throw new CodecException("a company prefix is 6 to 12 digits", at);
        }

        var owner = SupplyCodec.ReadOrganisation(ref reader) ?? throw new CodecException("the owner organisation is missing", reader.Position);
        reader.End("assign-prefix payload");
        return new AssignPrefixRequest(prefix, owner);
    }
}
