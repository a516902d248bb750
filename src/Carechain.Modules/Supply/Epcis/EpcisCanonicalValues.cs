using System.Globalization;
using System.Text.RegularExpressions;
using Carechain.Modules.Supply.Gs1;

namespace Carechain.Modules.Supply.Epcis;

/// <summary>
/// The value rules of the CBV 2.0 event hash: CBV URNs and bare CBV terms become GS1 Web URIs
/// (<c>https://ref.gs1.org/cbv/BizStep-shipping</c>), EPC URNs (sgtin, sscc, lgtin, idpat:sgtin,
/// sgln, pgln, gdti) and GS1 Digital Links become constrained canonical Digital Links on
/// <c>https://id.gs1.org</c> (no query, only the finest key: 00, 01, 01/21, 01/10, 414[/254], 417,
/// 253), timestamps become UTC with milliseconds (rounded half up on the fourth decimal), numbers
/// lose trailing zeros, values are trimmed. Anything else is kept as it is.
/// </summary>
internal static partial class EpcisCanonicalValues
{
    public const string Gs1Host = "https://id.gs1.org";
    public const string CbvBase = "https://ref.gs1.org/cbv/";

    private static readonly (string Urn, string Web)[] CbvUrns =
    [
        ("urn:epcglobal:cbv:bizstep:", CbvBase + "BizStep-"),
        ("urn:epcglobal:cbv:disp:", CbvBase + "Disp-"),
        ("urn:epcglobal:cbv:btt:", CbvBase + "BTT-"),
        ("urn:epcglobal:cbv:sdt:", CbvBase + "SDT-"),
        ("urn:epcglobal:cbv:er:", CbvBase + "ER-"),
    ];

    /// <summary>A bare CBV term (<c>shipping</c>) as its Web URI under <paramref name="vocabulary"/> (<c>BizStep-</c>); URIs are canonicalised instead.</summary>
    public static string Term(string value, string vocabulary, IReadOnlyDictionary<string, string> prefixes)
    {
        var text = value.Trim();
        return text.Contains(':', StringComparison.Ordinal) ? Value(text, prefixes) : CbvBase + vocabulary + text;
    }

    public static string Value(string value, IReadOnlyDictionary<string, string> prefixes)
    {
        var text = value.Trim();
        foreach (var (urn, web) in CbvUrns)
        {
            if (text.StartsWith(urn, StringComparison.Ordinal))
            {
                return web + text[urn.Length..];
            }
        }

        if (text.StartsWith("urn:epc:", StringComparison.Ordinal))
        {
            return EpcUrn(text) ?? text;
        }

        if (text.StartsWith("http://", StringComparison.Ordinal) || text.StartsWith("https://", StringComparison.Ordinal))
        {
            return DigitalLink(text) ?? text;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && prefixes.TryGetValue(text[..colon], out var ns))
        {
            return ns + text[(colon + 1)..];
        }

        return Decimal(text) ?? text;
    }

    /// <summary>UTC with exactly three decimals, <c>Z</c> for the zero offset; a value that is not a timestamp is kept.</summary>
    public static string Time(string value)
    {
        var text = value.Trim();
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return text;
        }

        var ticks = time.UtcTicks;
        var remainder = ticks % TimeSpan.TicksPerMillisecond;
        var rounded = new DateTime(ticks - remainder + (remainder >= TimeSpan.TicksPerMillisecond / 2 ? TimeSpan.TicksPerMillisecond : 0), DateTimeKind.Utc);
        return rounded.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A JSON number without trailing zeros: 452.0 is 452, 0.3430 is 0.343.</summary>
    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A decimal number written as text, as XML carries every number, normalised the same way.</summary>
    private static string? Decimal(string text) =>
        DecimalText().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? Number(number) : null;

    private static string? EpcUrn(string urn)
    {
        if (Gs1Code.TryParse(urn, 2000, out var code, out _))
        {
            return Canonical(code!);
        }

        var parts = urn.Split(':');
        if (parts.Length != 5)
        {
            return null;
        }

        var fields = parts[4].Split('.');
        return (parts[2], parts[3], fields.Length) switch
        {
            ("idpat", "sgtin", 3) when fields[2] == "*" && Key(fields[0], fields[1], 13, indicatorFirst: true) is { } gtin => $"{Gs1Host}/01/{gtin}",
            ("id", "sgln", 3) when Key(fields[0], fields[1], 12, indicatorFirst: false) is { } gln => $"{Gs1Host}/414/{gln}" + (fields[2] is "0" or "" ? string.Empty : "/254/" + fields[2]),
            ("id", "pgln", 2) when Key(fields[0], fields[1], 12, indicatorFirst: false) is { } gln => $"{Gs1Host}/417/{gln}",
            ("id", "gdti", 3) when Key(fields[0], fields[1], 12, indicatorFirst: false) is { } gdti => $"{Gs1Host}/253/{gdti}{fields[2]}",
            _ => null,
        };
    }

    /// <summary>A GS1 key from a URN's company prefix and reference, with its check digit.</summary>
    private static string? Key(string prefix, string reference, int length, bool indicatorFirst)
    {
        if (prefix.Length + reference.Length != length || !Gs1CheckDigit.IsDigits(prefix) || !Gs1CheckDigit.IsDigits(reference) || reference.Length == 0 && indicatorFirst)
        {
            return null;
        }

        var body = indicatorFirst ? reference[0] + prefix + reference[1..] : prefix + reference;
        return body + Gs1CheckDigit.Compute(body).ToString(CultureInfo.InvariantCulture);
    }

    private static string? DigitalLink(string uri)
    {
        var match = DigitalLinkKey().Match(uri);
        if (!match.Success)
        {
            return null;
        }

        var path = uri[match.Index..].Split('?', '#')[0];
        if (match.Groups[1].Value is "00" or "01")
        {
            return Gs1Code.TryParse(Gs1Host + path, 2000, out var code, out _) ? Canonical(code!) : null;
        }

        return Gs1Host + path;
    }

    /// <summary>Only the finest level of identification: the SSCC, or the GTIN with its serial, else its lot, else alone.</summary>
    private static string Canonical(Gs1Code code)
    {
        if (code.Sscc is { } sscc)
        {
            return $"{Gs1Host}/00/{sscc.Value}";
        }

        var gtin = $"{Gs1Host}/01/{code.Gtin!.Value.Value}";
        return code.Serial is { } serial ? $"{gtin}/21/{Uri.EscapeDataString(serial)}"
            : code.Lot is { } lot ? $"{gtin}/10/{Uri.EscapeDataString(lot)}"
            : gtin;
    }

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalText();

    [GeneratedRegex(@"/(00|01|253|255|401|402|414|417|8003|8004|8006|8010|8017|8018)/", RegexOptions.CultureInvariant)]
    private static partial Regex DigitalLinkKey();
}
