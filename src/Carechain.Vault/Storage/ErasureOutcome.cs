namespace Carechain.Vault.Storage;

/// <summary>What erasing a record did; <see cref="Tombstone"/> is set unless the record never existed.</summary>
public sealed record ErasureOutcome(ErasureStatus Status, Tombstone? Tombstone);
