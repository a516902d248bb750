namespace Carechain.Modules.Supply.Gs1;

/// <summary>A Serial Shipping Container Code (AI 00): 18 digits with a correct check digit; names a case or pallet.</summary>
public readonly record struct Sscc
{
    private Sscc(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out Sscc sscc, out Gs1Error? error)
    {
        sscc = default;
        error = null;
        if (text is null || text.Length != 18 || !Gs1CheckDigit.IsDigits(text))
        {
            error = new Gs1Error("00", 0, "an SSCC is 18 digits");
            return false;
        }

        if (!Gs1CheckDigit.IsValid(text))
        {
            error = new Gs1Error("00", 17, $"check digit {text[^1]} is wrong; expected {Gs1CheckDigit.Compute(text.AsSpan(0, 17))}", Gs1Error.CheckDigit);
            return false;
        }

        sscc = new Sscc(text);
        return true;
    }

    public static Sscc Parse(string text) =>
        TryParse(text, out var sscc, out var error) ? sscc : throw new Gs1FormatException(error!);

    public override string ToString() => Value ?? string.Empty;
}
