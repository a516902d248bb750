using System.Buffers;

namespace Carechain.Vault.Records;

/// <summary>
/// The FHIR resource type a record version holds (<c>Patient</c>, <c>Observation</c>, ...): an ASCII
/// letter-only name of 1 to 64 characters starting with an upper-case letter. The vault binds it into
/// every ciphertext, so a version cannot be passed off as another type; which names are real FHIR
/// types is the FHIR layer's business.
/// </summary>
public readonly record struct ResourceType
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Letters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private ResourceType(string name) => Name = name;

    public string Name { get; }

    public static bool TryParse(string? text, out ResourceType type)
    {
        type = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !char.IsAsciiLetterUpper(text[0])
            || text.AsSpan().ContainsAnyExcept(Letters))
        {
            return false;
        }

        type = new ResourceType(text);
        return true;
    }

    public static ResourceType Parse(string text) =>
        TryParse(text, out var type) ? type : throw new FormatException("A resource type is 1 to 64 ASCII letters starting with an upper-case letter.");

    public override string ToString() => Name ?? string.Empty;
}
