namespace Carechain.Modules.Records;

/// <summary>The member roles that take part in care: they may anchor records and read them for their organisation.</summary>
public static class ClinicalRoles
{
    public const string Emergency = "emergency";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "clinician", "nurse", "pharmacist", Emergency,
    };

    public static bool Includes(string? role) => role is not null && All.Contains(role);
}
