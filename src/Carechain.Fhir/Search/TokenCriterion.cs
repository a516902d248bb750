namespace Carechain.Fhir.Search;

/// <summary>
/// A token search value: <c>code</c> (any system), <c>system|code</c>, <c>|code</c> (no system)
/// or <c>system|</c> (any code of that system).
/// </summary>
public sealed record TokenCriterion(string? System, string? Code, bool SystemGiven) : SearchCriterion
{
    public static TokenCriterion Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bar = SearchValueText.IndexOfUnescaped(value, '|');
        if (bar < 0)
        {
            return new TokenCriterion(null, SearchValueText.Unescape(value), SystemGiven: false);
        }

        var system = SearchValueText.Unescape(value[..bar]);
        var code = SearchValueText.Unescape(value[(bar + 1)..]);
        return new TokenCriterion(system.Length == 0 ? null : system, code.Length == 0 ? null : code, SystemGiven: true);
    }

    public override bool Matches(IndexValue value) =>
        value is TokenValue token
        && (!SystemGiven || string.Equals(string.IsNullOrEmpty(token.System) ? null : token.System, System, StringComparison.Ordinal))
        && (Code is null || string.Equals(token.Code, Code, StringComparison.Ordinal));
}
