namespace Carechain.Modules.Identity;

/// <summary>
/// The roles a key can hold. Only <see cref="SelfRegistrable"/> roles may be claimed by a key
/// itself; the <see cref="AdminGranted"/> ones come only from an organisation admin registering a
/// member of that organisation. <see cref="Node"/> is never registered: it is what the permission
/// service answers for a consortium node key.
/// </summary>
public static class IdentityRole
{
    public const string Member = "member";
    public const string Patient = "patient";
    public const string Admin = "admin";
    public const string Node = "node";

    public static readonly IReadOnlySet<string> SelfRegistrable = new HashSet<string>(StringComparer.Ordinal) { Member, Patient };

    public static readonly IReadOnlySet<string> AdminGranted = new HashSet<string>(StringComparer.Ordinal)
    {
        Admin, "clinician", "nurse", "pharmacist", "emergency", "auditor", "issuer",
    };

    /// <summary>What an admin may give a member of their organisation: a privileged role, or plain membership.</summary>
    public static readonly IReadOnlySet<string> MemberRoles = new HashSet<string>(AdminGranted.Append(Member), StringComparer.Ordinal);
}
