namespace Carechain.Fhir.Search;

/// <summary>A string part of a resource (a name part, say), with its folded form for case- and accent-insensitive matching.</summary>
public sealed record StringValue(string Text) : IndexValue
{
    public string Folded { get; } = TextFolding.Fold(Text);
}
