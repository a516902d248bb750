namespace Carechain.Modules.Governance;

public enum OrganisationStatus : byte
{
    Active = 0,

    /// <summary>Removed by governance: its keys and members lose every privilege; its id and keys are never reused.</summary>
    Removed = 1,
}
