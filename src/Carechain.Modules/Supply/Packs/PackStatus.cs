namespace Carechain.Modules.Supply.Packs;

/// <summary>Where a pack is in its life. The byte values are part of the state encoding.</summary>
public enum PackStatus : byte
{
    /// <summary>Held by an organisation and free to move.</summary>
    Active = 0,

    /// <summary>Shipped to a named receiver, not yet received.</summary>
    InTransit = 1,

    /// <summary>Supplied to a patient: inactive for good.</summary>
    Dispensed = 2,

    /// <summary>Taken out of the supply chain with a reason: inactive for good.</summary>
    Decommissioned = 3,

    /// <summary>Returned to a named receiver up the chain, not yet received.</summary>
    ReturnInTransit = 4,

    /// <summary>
    /// A return received: held, but not saleable until its holder verifies it authentic (the
    /// saleable-return verification); until then it may only go further back or be decommissioned.
    /// </summary>
    Returned = 5,
}
