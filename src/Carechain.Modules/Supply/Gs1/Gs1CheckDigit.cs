namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// The GS1 mod-10 check digit shared by GTIN-8/12/13/14, GLN and SSCC: weights 3,1,3,1… from the
/// rightmost digit before the check digit; check = (10 − sum mod 10) mod 10.
/// </summary>
public static class Gs1CheckDigit
{
    /// <summary>The check digit for <paramref name="body"/> (all digits, without its check digit).</summary>
    public static int Compute(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException("A GS1 key holds only digits.", nameof(body));
            }

            sum += i % 2 == 0 ? digit * 3 : digit;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>True when <paramref name="key"/> is all digits and its last digit is the right check digit.</summary>
    public static bool IsValid(ReadOnlySpan<char> key) =>
        key.Length >= 2 && IsDigits(key) && Compute(key[..^1]) == key[^1] - '0';

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
