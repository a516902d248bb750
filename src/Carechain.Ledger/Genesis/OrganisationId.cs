namespace Carechain.Ledger.Genesis;

/// <summary>
/// The short name of a consortium organisation, e.g. <c>st-marys</c>: a lower-case ASCII letter
/// followed by up to 31 letters, digits or '-'. An id that exists is well formed, so it can be
/// used in state keys, events and file names without further checks.
/// </summary>
public readonly record struct OrganisationId
{
    public const int MaxLength = 32;

    private readonly string? _value;

    private OrganisationId(string value) => _value = value;

    public string Value => _value ?? string.Empty;

    public static bool TryParse(string? text, out OrganisationId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        id = new OrganisationId(text);
        return true;
    }

    public static OrganisationId Parse(string text) =>
        TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{text}' is not an organisation id: a lower-case letter, then up to {MaxLength - 1} letters, digits or '-'");

    public override string ToString() => Value;
}
