namespace Carechain.Modules.Supply.Events;

/// <summary>What a lot-level event does. The byte values are part of the payload encoding.</summary>
public enum LotAction : byte
{
    /// <summary>Recall every pack of the lot, for good (the manufacturer or a regulator).</summary>
    Recall = 0,

    /// <summary>Hold the lot while a regulator investigates: no pack of it may move.</summary>
    Quarantine = 1,

    /// <summary>Lift a quarantine (a regulator).</summary>
    Release = 2,
}
