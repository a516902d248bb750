using Carechain.Vault.Envelope;

namespace Carechain.Vault.Storage;

/// <summary>The answer to reading one version: the sealed record, nothing, or the tombstone of an erased record.</summary>
public sealed class VaultRead
{
    private VaultRead(RecordState state, SealedRecord? record, Tombstone? tombstone)
    {
        State = state;
        Record = record;
        Tombstone = tombstone;
    }

    public static VaultRead NotFound { get; } = new(RecordState.NotFound, null, null);

    public RecordState State { get; }

    /// <summary>Set when <see cref="State"/> is <see cref="RecordState.Found"/>.</summary>
    public SealedRecord? Record { get; }

    /// <summary>Set when <see cref="State"/> is <see cref="RecordState.Gone"/>.</summary>
    public Tombstone? Tombstone { get; }

    public static VaultRead Found(SealedRecord record) => new(RecordState.Found, record, null);

    public static VaultRead Gone(Tombstone tombstone) => new(RecordState.Gone, null, tombstone);
}
