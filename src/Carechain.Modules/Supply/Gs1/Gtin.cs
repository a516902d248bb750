namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// A Global Trade Item Number, held in its 14-digit form. One that exists has a correct check
/// digit: GTIN-8, -12 and -13 are accepted and left-padded with zeros, as GS1 specifies.
/// </summary>
public readonly record struct Gtin
{
    private Gtin(string value) => Value = value;

    /// <summary>The 14 digits, e.g. <c>09506000134352</c>.</summary>
    public string Value { get; }

    public static bool TryParse(string? text, out Gtin gtin, out Gs1Error? error)
    {
        gtin = default;
        error = null;
        if (text is null || text.Length is not (8 or 12 or 13 or 14) || !Gs1CheckDigit.IsDigits(text))
        {
            error = new Gs1Error("01", 0, "a GTIN is 8, 12, 13 or 14 digits");
            return false;
        }

        if (!Gs1CheckDigit.IsValid(text))
        {
            error = new Gs1Error("01", text.Length - 1, $"check digit {text[^1]} is wrong; expected {Gs1CheckDigit.Compute(text.AsSpan(0, text.Length - 1))}", Gs1Error.CheckDigit);
            return false;
        }

        gtin = new Gtin(text.PadLeft(14, '0'));
        return true;
    }

    public static Gtin Parse(string text) =>
        TryParse(text, out var gtin, out var error) ? gtin : throw new Gs1FormatException(error!);

    public override string ToString() => Value ?? string.Empty;
}
