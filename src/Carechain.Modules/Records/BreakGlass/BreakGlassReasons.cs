namespace Carechain.Modules.Records.BreakGlass;

/// <summary>
/// The closed set of break-glass reason codes, and the bounds on the short free text beside them.
/// The free text is stored on the chain for ever: it must name the situation, never health data.
/// </summary>
public static class BreakGlassReasons
{
    public const string Unconscious = "unconscious";
    public const string LifeThreatening = "life_threatening";
    public const string UrgentTreatment = "urgent_treatment";
    public const string Other = "other";
    public const int MaxTextBytes = 140;
    public const int MaxMinutes = 480;

    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        Unconscious, LifeThreatening, UrgentTreatment, Other,
    };

    public static bool IsText(string text) => text.Length > 0 && text.Trim().Length == text.Length && !text.Any(char.IsControl)
        && System.Text.Encoding.UTF8.GetByteCount(text) <= MaxTextBytes;
}
