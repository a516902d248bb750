namespace Carechain.Modules.Supply.Packs;

/// <summary>The status of a whole lot. The byte values are part of the state encoding.</summary>
public enum LotStatus : byte
{
    Active = 0,
    Quarantined = 1,

    /// <summary>Recalled for good: a recall is never undone.</summary>
    Recalled = 2,
}
