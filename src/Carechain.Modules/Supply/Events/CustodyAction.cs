namespace Carechain.Modules.Supply.Events;

/// <summary>What a custody event does to each pack it names. The byte values are part of the payload encoding.</summary>
public enum CustodyAction : byte
{
    /// <summary>Hand the packs to a named receiver; they are in transit until it receives them.</summary>
    Ship = 0,

    /// <summary>Take packs that were shipped or returned to the author's organisation.</summary>
    Receive = 1,

    /// <summary>Supply to a patient (pharmacy, hospital or clinic): the pack becomes inactive.</summary>
    Dispense = 2,

    /// <summary>Take out of the supply chain with a reason (destroyed, sample, stolen, exported, …): inactive.</summary>
    Decommission = 3,

    /// <summary>Send back up the chain to a named receiver (a saleable return); verified again on receipt.</summary>
    Return = 4,

    /// <summary>
    /// Undo a dispense or decommission recorded in error (EU FMD "undo"): only by the key that recorded
    /// it, within <see cref="SupplyModule.UndoWindowMs"/>, and never of a pack destroyed, stolen or withdrawn.
    /// </summary>
    Undo = 5,
}
