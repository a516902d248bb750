using System.Globalization;
using System.Text.RegularExpressions;

namespace Carechain.Fhir.Search;

/// <summary>
/// The span of time a FHIR date, dateTime or instant stands for, at its precision: "2024" is the
/// whole year, "2024-03-05" the whole day (taken in UTC when no offset is given), a dateTime
/// with seconds one second. <see cref="End"/> is exclusive. Used for both indexed values and
/// search values, as the FHIR search rules compare ranges.
/// </summary>
public readonly partial record struct FhirDateRange(DateTimeOffset Start, DateTimeOffset End)
{
    public static readonly FhirDateRange Everything = new(DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>Parses a FHIR date, dateTime or instant (minutes without seconds allowed, as search values use).</summary>
    public static bool TryParse(string? text, out FhirDateRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var match = Shape().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = Number(match, "mo") ?? 1;
        var day = Number(match, "d") ?? 1;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        var offset = TimeSpan.Zero;
        if (match.Groups["z"].Success && match.Groups["z"].Value != "Z")
        {
            var sign = match.Groups["z"].Value[0] == '-' ? -1 : 1;
            var hours = int.Parse(match.Groups["z"].Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups["z"].Value.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (hours > 14 || minutes > 59)
            {
                return false;
            }

            offset = sign * new TimeSpan(hours, minutes, 0);
        }

        if (!match.Groups["h"].Success)
        {
            var start = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            var end = match.Groups["d"].Success ? start.AddDays(1) : match.Groups["mo"].Success ? start.AddMonths(1) : start.AddYears(1);
            range = new FhirDateRange(start, end);
            return true;
        }

        var hour = Number(match, "h")!.Value;
        var minute = Number(match, "mi")!.Value;
        var second = Number(match, "s") ?? 0;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var at = new DateTimeOffset(year, month, day, hour, minute, second, offset);
        if (match.Groups["f"].Success)
        {
            var fraction = match.Groups["f"].Value;
            var ticks = long.Parse(fraction.PadRight(7, '0').AsSpan(0, 7), CultureInfo.InvariantCulture);
            at = at.AddTicks(ticks);
            var unit = (long)Math.Pow(10, 7 - Math.Min(7, fraction.Length));
            range = new FhirDateRange(at, at.AddTicks(unit));
            return true;
        }

        range = new FhirDateRange(at, match.Groups["s"].Success ? at.AddSeconds(1) : at.AddMinutes(1));
        return true;
    }

    /// <summary>A range from an optional start to an optional end (a FHIR Period), each at its own precision.</summary>
    public static FhirDateRange Between(FhirDateRange? start, FhirDateRange? end) =>
        new(start?.Start ?? DateTimeOffset.MinValue, end?.End ?? DateTimeOffset.MaxValue);

    private static int? Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^(?<y>[0-9]{4})(-(?<mo>[0-9]{2})(-(?<d>[0-9]{2})(T(?<h>[0-9]{2}):(?<mi>[0-9]{2})(:(?<s>[0-9]{2})(\.(?<f>[0-9]{1,9}))?)?(?<z>Z|[+-][0-9]{2}:[0-9]{2})?)?)?)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Shape();
}
