using System.Text;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Records.Consent;

/// <summary>Whom a patient grants access: a whole organisation (its clinical members) or one member's key.</summary>
public readonly record struct Grantee
{
    private Grantee(OrganisationId? organisation, Ed25519PublicKey? member)
    {
        Organisation = organisation;
        Member = member;
    }

    public OrganisationId? Organisation { get; }

    public Ed25519PublicKey? Member { get; }

    public static Grantee Of(OrganisationId organisation) => new(organisation, null);

    public static Grantee Of(Ed25519PublicKey member) => new(null, member);

    /// <summary>A fixed-size id of the grantee, used to key the live grants of one patient for one grantee.</summary>
    public Hash256 Id => Member is { } key
        ? Hash256.Sha256([(byte)'m', .. key.ToArray()])
        : Hash256.Sha256([(byte)'o', .. Encoding.ASCII.GetBytes(Organisation!.Value.Value)]);

    public override string ToString() => Member?.ToString() ?? Organisation!.Value.Value;

    /// <summary>Reads "org:ID" or a 64-hex public key; or an organisation id alone.</summary>
    public static bool TryParse(string? text, out Grantee grantee)
    {
        grantee = default;
        if (Ed25519PublicKey.TryParse(text, out var key))
        {
            grantee = Of(key);
            return true;
        }

        var id = text is not null && text.StartsWith("org:", StringComparison.Ordinal) ? text[4..] : text;
        if (OrganisationId.TryParse(id, out var organisation))
        {
            grantee = Of(organisation);
            return true;
        }

        return false;
    }

    internal void WriteTo(CanonicalWriter writer)
    {
        if (Member is { } key)
        {
            writer.Byte(1).Key(key);
        }
        else
        {
            writer.Byte(0).Text(Organisation!.Value.Value);
        }
    }

    internal static Grantee Read(ref CanonicalReader reader)
    {
        var at = reader.Position;
        switch (reader.Byte())
        {
            case 0:
                var text = reader.Text(OrganisationId.MaxLength, "grantee organisation");
                return OrganisationId.TryParse(text, out var organisation) ? Of(organisation) : throw new CodecException("grantee is not an organisation id", at);
            case 1:
                return Of(reader.Key("grantee key"));
            default:
                throw new CodecException("unknown grantee kind", at);
        }
    }
}
