namespace Carechain.Fhir.Search;

/// <summary>A string search value; the default and <c>:contains</c> ignore case and accents, <c>:exact</c> does not.</summary>
public sealed record StringCriterion(string Text, StringMatch Mode) : SearchCriterion
{
    private readonly string _folded = TextFolding.Fold(Text);

    public override bool Matches(IndexValue value) => value is StringValue s && Mode switch
    {
        StringMatch.Exact => string.Equals(s.Text, Text, StringComparison.Ordinal),
        StringMatch.Contains => s.Folded.Contains(_folded, StringComparison.Ordinal),
        _ => s.Folded.StartsWith(_folded, StringComparison.Ordinal),
    };
}
