namespace Carechain.Modules.Supply.Gs1;

/// <summary>Checks one AI value against its format; reports the exact position of the first bad character.</summary>
internal static class Gs1Values
{
    /// <summary>GS1 character set 82, allowed in alphanumeric fields.</summary>
    private const string Set82Punctuation = "!\"%&'()*+,-./:;<=>?_";

    public static Gs1Error? Check(Gs1ApplicationIdentifier ai, string value, int position, int referenceYear)
    {
        if (value.Length < ai.MinLength || value.Length > ai.MaxLength)
        {
            var expected = ai.MinLength == ai.MaxLength ? $"exactly {ai.MinLength}" : $"1 to {ai.MaxLength}";
            return new Gs1Error(ai.Code, position, $"{ai.Title} has {value.Length} characters; it takes {expected}");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = ai.Kind == Gs1AiKind.Alphanumeric ? IsSet82(c) : c is >= '0' and <= '9';
            if (!ok)
            {
                var what = ai.Kind == Gs1AiKind.Alphanumeric ? "outside GS1 character set 82" : "not a digit";
                return new Gs1Error(ai.Code, position + i, $"character U+{(int)c:X4} is {what}");
            }
        }

        if (ai.Kind == Gs1AiKind.Date && Gs1Date.TryResolve(value, referenceYear, out _) is { } reason)
        {
            return new Gs1Error(ai.Code, position, reason);
        }

        if (ai.Code == "01" && !Gs1CheckDigit.IsValid(value))
        {
            return new Gs1Error(ai.Code, position + 13, $"GTIN check digit {value[^1]} is wrong; expected {Gs1CheckDigit.Compute(value.AsSpan(0, 13))}", Gs1Error.CheckDigit);
        }

        if (ai.Code == "00" && !Gs1CheckDigit.IsValid(value))
        {
            return new Gs1Error(ai.Code, position + 17, $"SSCC check digit {value[^1]} is wrong; expected {Gs1CheckDigit.Compute(value.AsSpan(0, 17))}", Gs1Error.CheckDigit);
        }

        if (ai.Code is "410" or "411" or "412" or "413" or "414" && !Gs1CheckDigit.IsValid(value))
        {
            return new Gs1Error(ai.Code, position + 12, $"GLN check digit {value[^1]} is wrong; expected {Gs1CheckDigit.Compute(value.AsSpan(0, 12))}", Gs1Error.CheckDigit);
        }

        return null;
    }

    public static bool IsSet82(char c) =>
        c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') || Set82Punctuation.Contains(c, StringComparison.Ordinal);
}
