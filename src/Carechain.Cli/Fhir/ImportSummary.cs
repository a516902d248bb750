namespace Carechain.Cli.Fhir;

/// <summary>
/// What an import did: counts only, never content. <see cref="Existing"/> counts resources a previous import had stored (found by
/// their identifier, not written again). <see cref="Failed"/> counts invalid resources and those of refused chunks.
/// </summary>
internal sealed record ImportSummary(
    string Patient, bool PatientCreated, int Created, int Existing, IReadOnlyDictionary<string, int> Skipped, int Failed, int ReferencesDropped)
{
    public int SkippedTotal => Skipped.Values.Sum();
}
