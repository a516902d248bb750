using System.Globalization;

namespace Carechain.Node.Api;

/// <summary>Strict parsing of query-string values, so a bad value is a clear 400 and not a binder error.</summary>
internal static class QueryValues
{
    public static bool TryFlag(string? value, out bool flag)
    {
        flag = false;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        return bool.TryParse(value, out flag);
    }

    public static bool TryTimeout(string? value, TimeSpan fallback, TimeSpan max, out TimeSpan timeout)
    {
        timeout = fallback;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms <= 0)
        {
            return false;
        }

        timeout = TimeSpan.FromMilliseconds(Math.Min(ms, (long)max.TotalMilliseconds));
        return true;
    }

    /// <summary>An optional non-negative integer; null when absent.</summary>
    public static bool TryOptionalLong(string? value, out long? number)
    {
        number = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        number = parsed;
        return true;
    }
}
