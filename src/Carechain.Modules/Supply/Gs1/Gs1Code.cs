using System.Text;

namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// A parsed GS1 code: its elements in order, each checked (format, character set, check digits,
/// dates), no AI twice. Renders back as a scanner string, the bracketed human form or a Digital Link.
/// </summary>
public sealed class Gs1Code
{
    public const char GroupSeparator = '\u001d';

    internal Gs1Code(IReadOnlyList<Gs1Element> elements, int referenceYear)
    {
        Elements = elements;
        string? Find(string ai) => elements.FirstOrDefault(e => e.Ai == ai)?.Value;
        Gtin = Find("01") is { } gtin ? Gs1.Gtin.Parse(gtin) : null;
        Sscc = Find("00") is { } sscc ? Gs1.Sscc.Parse(sscc) : null;
        Serial = Find("21");
        Lot = Find("10");
        if (Find("17") is { } expiry)
        {
            Gs1Date.TryResolve(expiry, referenceYear, out var date);
            Expiry = date;
        }
    }

    public IReadOnlyList<Gs1Element> Elements { get; }

    public Gtin? Gtin { get; }

    public Sscc? Sscc { get; }

    public string? Serial { get; }

    public string? Lot { get; }

    public DateOnly? Expiry { get; }

    /// <summary>
    /// Parses what a scanner, a person or a trading partner's EPCIS document supplies: a GS1 Digital
    /// Link URI, an EPC URN (<c>urn:epc:id:sgtin:…</c>, <c>urn:epc:id:sscc:…</c>,
    /// <c>urn:epc:class:lgtin:…</c>), a scanner string (with a <c>]d2</c>-style symbology identifier
    /// and GS separators), or the bracketed form <c>(01)…(21)…</c>. Throws only <see cref="Gs1FormatException"/>.
    /// </summary>
    public static Gs1Code Parse(string input, int referenceYear)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Gs1EpcUrn.IsUrn(input))
        {
            return Gs1EpcUrn.Parse(input, referenceYear);
        }

        return input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? Gs1DigitalLinkParser.Parse(input, referenceYear)
            : Gs1ElementStringParser.Parse(input, referenceYear);
    }

    public static bool TryParse(string input, int referenceYear, out Gs1Code? code, out Gs1Error? error)
    {
        try
        {
            code = Parse(input, referenceYear);
            error = null;
            return true;
        }
        catch (Gs1FormatException ex)
        {
            code = null;
            error = ex.Error;
            return false;
        }
    }

    /// <summary>The string a GS1 DataMatrix scanner reports: <c>]d2</c>, then the elements, GS after every variable-length one but the last.</summary>
    public string ToScannerString()
    {
        var text = new StringBuilder("]d2");
        for (var i = 0; i < Elements.Count; i++)
        {
            var element = Elements[i];
            text.Append(element.Ai).Append(element.Value);
            if (!Gs1AiTable.Get(element.Ai).Predefined && i < Elements.Count - 1)
            {
                text.Append(GroupSeparator);
            }
        }

        return text.ToString();
    }

    /// <summary>The human-readable form printed under a barcode: <c>(01)09506000134352(21)12345</c>.</summary>
    public string ToBracketed() => string.Concat(Elements.Select(e => $"({e.Ai}){e.Value}"));

    /// <summary>A GS1 Digital Link URI: key and qualifiers in the path, other attributes in the query.</summary>
    public string ToDigitalLink(string baseUri = "https://id.gs1.org") => Gs1DigitalLinkParser.Render(this, baseUri);

    /// <summary>
    /// The EPC URN: <c>urn:epc:id:sgtin:…</c> for a pack, <c>urn:epc:id:sscc:…</c> for a case or
    /// pallet, <c>urn:epc:class:lgtin:…</c> for a lot; the company prefix length is not in the code.
    /// </summary>
    public string ToEpcUrn(int companyPrefixLength) => Gs1EpcUrn.Render(this, companyPrefixLength);
}
