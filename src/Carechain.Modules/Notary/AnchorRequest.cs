using Carechain.Core.Codec;
using Carechain.Core.Hashing;

namespace Carechain.Modules.Notary;

/// <summary>
/// The payload of notary/anchor: a document's SHA-256, a short label and its media type.
/// The document itself never reaches the chain; the label must not hold personal data.
/// </summary>
public sealed record AnchorRequest(Hash256 DocumentHash, string Label, string MediaType)
{
    public const string Operation = "anchor";
    public const int MaxLabelBytes = 128;
    public const int MaxMediaTypeBytes = 100;

    public byte[] Encode() => new CanonicalWriter(96).Hash(DocumentHash).Text(Label).Text(MediaType).ToArray();

    public static AnchorRequest Decode(ReadOnlySpan<byte> payload)
    {
        var reader = new CanonicalReader(payload);
        var hash = reader.Hash("document hash");
        var label = reader.Text(MaxLabelBytes, "label");
        var mediaType = reader.Text(MaxMediaTypeBytes, "media type");
        reader.End("anchor payload");
        return new AnchorRequest(hash, label, mediaType);
    }

    /// <summary>Null when valid, else the error code.</summary>
    public string? Validate()
    {
        if (Label.Any(char.IsControl) || Label.Trim().Length != Label.Length)
        {
            return NotaryErrors.InvalidLabel;
        }

        return IsMediaType(MediaType) ? null : NotaryErrors.InvalidMediaType;
    }

    /// <summary>RFC 6838 shape: type "/" subtype, each a restricted-name of letters, digits and !#$&amp;-^_.+</summary>
    private static bool IsMediaType(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IsRestrictedName(value.AsSpan(0, slash)) && IsRestrictedName(value.AsSpan(slash + 1));
    }

    private static bool IsRestrictedName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 127 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && "!#$&-^_.+".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
