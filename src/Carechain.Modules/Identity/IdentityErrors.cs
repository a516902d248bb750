namespace Carechain.Modules.Identity;

/// <summary>Stable error codes of the identity module (listed in docs/errors.md).</summary>
public static class IdentityErrors
{
    public const string KeyRevoked = "key_revoked";
    public const string KeyRotated = "key_rotated";
    public const string AlreadyRegistered = "already_registered";
    public const string NotRegistered = "not_registered";
    public const string InvalidDisplayName = "invalid_display_name";
    public const string UnknownRole = "unknown_role";
    public const string RoleRequiresAdmin = "role_requires_admin";
    public const string InvalidRotationProof = "invalid_rotation_proof";
    public const string SuccessorInUse = "successor_in_use";
    public const string NotAMember = "not_a_member";
    public const string AlreadyRevoked = "already_revoked";

    /// <summary>Rotation of an organisation admin key that also runs one of its nodes: node keys change by governance.</summary>
    public const string KeyRunsANode = "key_runs_a_node";
}
