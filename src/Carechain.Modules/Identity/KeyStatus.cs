namespace Carechain.Modules.Identity;

public enum KeyStatus
{
    Active = 0,

    /// <summary>Replaced by a successor key; the old key may do nothing more.</summary>
    Rotated = 1,

    /// <summary>Withdrawn by its holder; may do nothing more.</summary>
    Revoked = 2,
}
