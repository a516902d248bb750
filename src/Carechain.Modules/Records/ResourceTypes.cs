namespace Carechain.Modules.Records;

/// <summary>The shape of a FHIR resource type name: an ASCII capital letter then letters, at most 64 characters.</summary>
public static class ResourceTypes
{
    public const int MaxLength = 64;

    public static bool IsValid(string? type) =>
        type is { Length: > 0 and <= MaxLength } && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter);
}
