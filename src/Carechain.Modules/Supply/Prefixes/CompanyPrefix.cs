namespace Carechain.Modules.Supply.Prefixes;

/// <summary>
/// A GS1 company prefix: 6 to 12 digits a GS1 member organisation licenses to a company. Every
/// GTIN whose digits after the indicator start with it belongs to that company.
/// </summary>
public readonly record struct CompanyPrefix
{
    public const int MinLength = 6;
    public const int MaxLength = 12;

    private CompanyPrefix(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out CompanyPrefix prefix)
    {
        prefix = default;
        if (text is null || text.Length is < MinLength or > MaxLength || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        prefix = new CompanyPrefix(text);
        return true;
    }

    /// <summary>The candidate prefixes of a GTIN-14, shortest first: its digits after the indicator digit.</summary>
    public static IEnumerable<CompanyPrefix> CandidatesOf(Gs1.Gtin gtin)
    {
        for (var length = MinLength; length <= MaxLength; length++)
        {
            yield return new CompanyPrefix(gtin.Value.Substring(1, length));
        }
    }

    /// <summary>The candidate prefixes of an SSCC, shortest first: its digits after the extension digit.</summary>
    public static IEnumerable<CompanyPrefix> CandidatesOf(Gs1.Sscc sscc)
    {
        for (var length = MinLength; length <= MaxLength; length++)
        {
            yield return new CompanyPrefix(sscc.Value.Substring(1, length));
        }
    }

    public override string ToString() => Value ?? string.Empty;
}
