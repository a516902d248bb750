using AnyAscii;

namespace Carechain.Fhir.Search;

/// <summary>
/// The folding FHIR string search asks for: case-insensitive and accent-insensitive. Nodes run
/// with invariant globalization (string.Normalize does not decompose there), so accents are
/// folded by AnyAscii's transliteration ("Núñez" → "nunez", "Straße" → "strasse"), the same on
/// every machine.
/// </summary>
internal static class TextFolding
{
    public static string Fold(string text) => text.Transliterate().ToLowerInvariant();
}
