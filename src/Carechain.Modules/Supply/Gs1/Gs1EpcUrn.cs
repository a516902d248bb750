using System.Globalization;
using System.Text;

namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// EPC pure-identity URNs (GS1 Tag Data Standard) as EPCIS documents carry them:
/// <c>urn:epc:id:sgtin:CompanyPrefix.IndicatorItemRef.Serial</c> (a pack),
/// <c>urn:epc:id:sscc:CompanyPrefix.ExtensionSerialRef</c> (a case or pallet) and the lot-level
/// class <c>urn:epc:class:lgtin:CompanyPrefix.IndicatorItemRef.Lot</c>. A URN holds no check
/// digit; it is computed. The company prefix's length is not in a GTIN, so rendering needs it
/// (the chain knows it from the prefix assigned to the manufacturer).
/// </summary>
internal static class Gs1EpcUrn
{
    public const string SgtinPrefix = "urn:epc:id:sgtin:";
    public const string SsccPrefix = "urn:epc:id:sscc:";
    public const string LgtinPrefix = "urn:epc:class:lgtin:";

    private const int MinCompanyPrefix = 6;
    private const int MaxCompanyPrefix = 12;

    public static bool IsUrn(string input) => input.StartsWith("urn:epc:", StringComparison.OrdinalIgnoreCase);

    public static Gs1Code Parse(string input, int referenceYear)
    {
        var (scheme, key, qualifier, keyAi, qualifierAi) = input switch
        {
            _ when Starts(input, SgtinPrefix) => (SgtinPrefix, 13, true, "01", "21"),
            _ when Starts(input, LgtinPrefix) => (LgtinPrefix, 13, true, "01", "10"),
            _ when Starts(input, SsccPrefix) => (SsccPrefix, 17, false, "00", string.Empty),
            _ => throw Fail(string.Empty, 0, "an EPC URN here is urn:epc:id:sgtin:…, urn:epc:id:sscc:… or urn:epc:class:lgtin:…"),
        };
        var parts = input[scheme.Length..].Split('.', qualifier ? 3 : 2);
        if (parts.Length != (qualifier ? 3 : 2))
        {
            throw Fail(keyAi, scheme.Length, qualifier
                ? "expected CompanyPrefix.IndicatorItemRef.Value, three parts separated by dots"
                : "expected CompanyPrefix.ExtensionSerialRef, two parts separated by a dot");
        }

        var (prefix, reference) = (parts[0], parts[1]);
        if (prefix.Length is < MinCompanyPrefix or > MaxCompanyPrefix || !Gs1CheckDigit.IsDigits(prefix))
        {
            throw Fail(keyAi, scheme.Length, $"the company prefix is {MinCompanyPrefix} to {MaxCompanyPrefix} digits");
        }

        if (reference.Length == 0 || prefix.Length + reference.Length != key || !Gs1CheckDigit.IsDigits(reference))
        {
            throw Fail(keyAi, scheme.Length + prefix.Length + 1, $"company prefix and reference together are {key} digits");
        }

        var body = reference[0] + prefix + reference[1..];
        var elements = new List<(string Ai, string Value, int Position)>
        {
            (keyAi, body + Gs1CheckDigit.Compute(body).ToString(CultureInfo.InvariantCulture), scheme.Length),
        };
        if (qualifier)
        {
            var at = scheme.Length + prefix.Length + reference.Length + 2;
            elements.Add((qualifierAi, Unescape(parts[2], qualifierAi, at), at));
        }

        return Gs1ElementStringParser.Build(elements, referenceYear);
    }

    /// <summary>The URN of a pack (GTIN + serial), a lot (GTIN + lot) or a case (SSCC), its company prefix <paramref name="companyPrefixLength"/> digits long.</summary>
    public static string Render(Gs1Code code, int companyPrefixLength)
    {
        if (companyPrefixLength is < MinCompanyPrefix or > MaxCompanyPrefix)
        {
            throw new ArgumentOutOfRangeException(nameof(companyPrefixLength), $"a company prefix is {MinCompanyPrefix} to {MaxCompanyPrefix} digits");
        }

        if (code.Sscc is { } sscc)
        {
            return SsccPrefix + Split(sscc.Value, companyPrefixLength);
        }

        var gtin = code.Gtin ?? throw new InvalidOperationException("An EPC URN needs a GTIN or an SSCC.");
        return code.Serial is { } serial
            ? SgtinPrefix + Split(gtin.Value, companyPrefixLength) + "." + Escape(serial)
            : code.Lot is { } lot
                ? LgtinPrefix + Split(gtin.Value, companyPrefixLength) + "." + Escape(lot)
                : throw new InvalidOperationException("An EPC URN of a GTIN needs a serial (sgtin) or a lot (lgtin).");
    }

    /// <summary>The leading digit goes after the company prefix; the check digit is dropped.</summary>
    private static string Split(string key, int companyPrefixLength) =>
        key.Substring(1, companyPrefixLength) + "." + key[0] + key[(1 + companyPrefixLength)..^1];

    /// <summary>TDS: characters that are not URI-safe are percent-encoded.</summary>
    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '"' or '%' or '&' or '/' or '<' or '>' or '?' or '#')
            {
                text.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>Strict: every <c>%</c> starts a two-hex-digit escape.</summary>
    private static string Unescape(string value, string ai, int position)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                text.Append(value[i]);
            }
            else if (i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                text.Append((char)Convert.ToInt32(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                throw Fail(ai, position + i, "a % must start an escape of two hexadecimal digits");
            }
        }

        return text.ToString();
    }

    private static bool Starts(string input, string prefix) => input.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static Gs1FormatException Fail(string ai, int position, string reason) => new(new Gs1Error(ai, position, reason));
}
