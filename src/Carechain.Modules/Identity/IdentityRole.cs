namespace Carechain.Modules.Identity;

/// <summary>
/// The roles a key can hold. Only <see cref="SelfRegistrable"/> roles may be claimed by a key
/// itself; the others are granted by an organisation admin through governance.
/// </summary>
public static class IdentityRole
{
    public const string Member = "member";
    public const string Patient = "patient";

    public static readonly IReadOnlySet<string> SelfRegistrable = new HashSet<string>(StringComparer.Ordinal) { Member, Patient };

    public static readonly IReadOnlySet<string> AdminGranted = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "clinician", "nurse", "pharmacist", "emergency", "auditor", "issuer",
    };
}
