using System.Globalization;

namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// GS1 YYMMDD dates. The century follows the GS1 sliding window around a reference year (a year
/// more than 50 ahead belongs to the previous century), and a day of 00 means the month's last day.
/// The reference year is a parameter, so parsing stays a pure function.
/// </summary>
public static class Gs1Date
{
    /// <summary>Null when valid (and <paramref name="date"/> is set), otherwise why not.</summary>
    public static string? TryResolve(string yymmdd, int referenceYear, out DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(yymmdd);
        date = default;
        if (yymmdd.Length != 6 || !Gs1CheckDigit.IsDigits(yymmdd))
        {
            return "a date is six digits, YYMMDD";
        }

        var yy = int.Parse(yymmdd.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(yymmdd.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var day = int.Parse(yymmdd.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var century = referenceYear - (referenceYear % 100);
        var difference = yy - (referenceYear % 100);
        if (difference >= 51)
        {
            century -= 100;
        }
        else if (difference <= -50)
        {
            century += 100;
        }

        var year = century + yy;
        if (month is < 1 or > 12)
        {
            return $"month {month:00} does not exist";
        }

        var last = DateTime.DaysInMonth(year, month);
        if (day > last)
        {
            return $"day {day:00} does not exist in {year:0000}-{month:00}";
        }

        date = new DateOnly(year, month, day == 0 ? last : day);
        return null;
    }
}
