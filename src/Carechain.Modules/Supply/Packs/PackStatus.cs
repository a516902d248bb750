namespace Carechain.Modules.Supply.Packs;

/// <summary>Where a pack is in its life. The byte values are part of the state encoding.</summary>
public enum PackStatus : byte
{
    /// <summary>Held by an organisation and free to move.</summary>
    Active = 0,

    /// <summary>Shipped (or returned) to a named receiver, not yet received.</summary>
    InTransit = 1,

    /// <summary>Supplied to a patient: inactive for good.</summary>
    Dispensed = 2,

    /// <summary>Taken out of the supply chain with a reason: inactive for good.</summary>
    Decommissioned = 3,
}
