using Carechain.Fhir.Capability;
using Carechain.Fhir.Outcomes;
using Hl7.Fhir.Model;

namespace Carechain.Fhir.Search;

/// <summary>
/// A parsed FHIR search on one resource type: parameters AND-ed (a repeated parameter adds a
/// clause), comma-separated values OR-ed, and the page asked for. Parsing is strict: an unknown
/// parameter, modifier or malformed value is refused with an OperationOutcome naming the
/// parameter (never echoing its value), rather than silently widening the result.
/// </summary>
public sealed record SearchQuery(string ResourceType, IReadOnlyList<SearchClause> Clauses, int Count, int Offset)
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1_000;
    public const int MaxClauses = 32;
    public const int MaxValuesPerClause = 64;

    /// <summary>Control parameters that change the form of the answer, not which resources match.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "_pretty" };

    public static SearchQuery Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!SupportedResources.IsSupported(resourceType) && !SupportedResources.IsProjected(resourceType))
        {
            throw new FhirInputException(new FhirIssue(OperationOutcome.IssueType.NotSupported, $"resource type {resourceType} is not supported here"));
        }

        var definitions = SupportedResources.SearchParameters(resourceType).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var clauses = new List<SearchClause>();
        var issues = new List<FhirIssue>();
        var count = DefaultCount;
        var offset = 0;
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "_count":
                    count = PageNumber(key, value, 1, MaxCount, issues) ?? count;
                    continue;
                case "_offset":
                    offset = PageNumber(key, value, 0, int.MaxValue, issues) ?? offset;
                    continue;
                case "_format":
                    if (value is not ("json" or "application/json" or "application/fhir+json"))
                    {
                        issues.Add(new FhirIssue(OperationOutcome.IssueType.NotSupported, "_format: only FHIR JSON is served"));
                    }

                    continue;
            }

            if (Ignored.Contains(key))
            {
                continue;
            }

            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? key : key[..colon];
            var modifier = colon < 0 ? null : key[(colon + 1)..];
            if (!definitions.TryGetValue(name, out var definition))
            {
                issues.Add(new FhirIssue(OperationOutcome.IssueType.NotSupported, $"search parameter '{Printable(name)}' is not supported for {resourceType}"));
                continue;
            }

            var criteria = new List<SearchCriterion>();
            foreach (var part in SearchValueText.SplitOnCommas(value))
            {
                if (Criterion(definition, modifier, part, issues) is { } criterion)
                {
                    criteria.Add(criterion);
                }
            }

            if (criteria.Count > MaxValuesPerClause)
            {
                issues.Add(new FhirIssue(OperationOutcome.IssueType.TooCostly, $"{name}: at most {MaxValuesPerClause} values"));
            }
            else if (criteria.Count > 0)
            {
                clauses.Add(new SearchClause(name, criteria));
            }
        }

        if (clauses.Count > MaxClauses)
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueType.TooCostly, $"at most {MaxClauses} search parameters"));
        }

        return issues.Count > 0 ? throw new FhirInputException(issues) : new SearchQuery(resourceType, clauses, count, offset);
    }

    public bool Matches(IReadOnlyList<IndexEntry> entries) => Clauses.All(c => c.Matches(entries));

    private static SearchCriterion? Criterion(SearchParameterDefinition definition, string? modifier, string value, List<FhirIssue> issues)
    {
        var name = definition.Name;
        if (value.Length == 0)
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueType.Invalid, $"{name}: an empty value"));
            return null;
        }

        switch (definition.Type)
        {
            case SearchParamType.Token when modifier is null:
                return TokenCriterion.Parse(value);
            case SearchParamType.String when modifier is null or "exact" or "contains":
                var mode = modifier switch { "exact" => StringMatch.Exact, "contains" => StringMatch.Contains, _ => StringMatch.StartsWith };
                return new StringCriterion(SearchValueText.Unescape(value), mode);
            case SearchParamType.Date when modifier is null:
                return DateValue(name, value, issues);
            case SearchParamType.Reference when modifier is null or SupportedResources.Patient:
                return ReferenceValue(name, SearchValueText.Unescape(value), issues);
            default:
                issues.Add(new FhirIssue(OperationOutcome.IssueType.NotSupported, $"{name}: modifier ':{Printable(modifier ?? "")}' is not supported"));
                return null;
        }
    }

    private static DateCriterion? DateValue(string name, string value, List<FhirIssue> issues)
    {
        var prefix = DatePrefix.Eq;
        var text = value;
        if (value.Length > 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]))
        {
            DatePrefix? parsed = value[..2] switch
            {
                "eq" => DatePrefix.Eq,
                "ne" => DatePrefix.Ne,
                "gt" => DatePrefix.Gt,
                "lt" => DatePrefix.Lt,
                "ge" => DatePrefix.Ge,
                "le" => DatePrefix.Le,
                "sa" => DatePrefix.Sa,
                "eb" => DatePrefix.Eb,
                _ => null,
            };
            if (parsed is null)
            {
                issues.Add(new FhirIssue(OperationOutcome.IssueType.NotSupported, $"{name}: the prefix is not one of eq, ne, gt, lt, ge, le, sa, eb"));
                return null;
            }

            prefix = parsed.Value;
            text = value[2..];
        }

        if (!FhirDateRange.TryParse(text, out var range))
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueType.Invalid, $"{name}: not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with zone)"));
            return null;
        }

        return new DateCriterion(prefix, range);
    }

    private static ReferenceCriterion? ReferenceValue(string name, string value, List<FhirIssue> issues)
    {
        var parts = value.Split('/');
        var (type, id) = parts.Length switch
        {
            1 => (SupportedResources.Patient, parts[0]),
            _ => (parts[^2], parts[^1]),
        };
        if (type != SupportedResources.Patient || id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            issues.Add(new FhirIssue(OperationOutcome.IssueType.Invalid, $"{name}: expected Patient/[id] or [id]"));
            return null;
        }

        return new ReferenceCriterion(type, id);
    }

    private static int? PageNumber(string name, string value, int min, int max, List<FhirIssue> issues)
    {
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        issues.Add(new FhirIssue(OperationOutcome.IssueType.Invalid, $"{name} must be a whole number from {min} to {max}"));
        return null;
    }

    /// <summary>Parameter names are echoed only as safe, short identifiers.</summary>
    private static string Printable(string name) =>
        name.Length <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') ? name : "(unprintable)";
}
