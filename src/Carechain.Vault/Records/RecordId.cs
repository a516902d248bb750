using System.Buffers;

namespace Carechain.Vault.Records;

/// <summary>
/// The identifier of a record in the vault, shaped like a FHIR logical id: 1 to 64 characters from
/// <c>A-Z a-z 0-9 - .</c>. One that exists is valid, so stores and key encodings never see anything else.
/// </summary>
public readonly record struct RecordId
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.");

    private RecordId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out RecordId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.AsSpan().ContainsAnyExcept(Allowed))
        {
            return false;
        }

        id = new RecordId(text);
        return true;
    }

    public static RecordId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException("A record id is 1 to 64 characters from A-Z, a-z, 0-9, '-' and '.'.");

    public override string ToString() => Value ?? string.Empty;

    /// <summary>Refuses <c>default(RecordId)</c>, the one value that did not come through parsing.</summary>
    internal static void ThrowIfDefault(RecordId id, string paramName)
    {
        if (id.Value is null)
        {
            throw new ArgumentException("The record id is missing.", paramName);
        }
    }
}
