namespace Carechain.Vault.Storage;

/// <summary>The versions of one record, oldest first; or nothing; or the tombstone of an erased record.</summary>
public sealed class VersionListing
{
    private VersionListing(RecordState state, IReadOnlyList<VersionSummary> versions, Tombstone? tombstone)
    {
        State = state;
        Versions = versions;
        Tombstone = tombstone;
    }

    public static VersionListing NotFound { get; } = new(RecordState.NotFound, [], null);

    public RecordState State { get; }

    /// <summary>Empty unless <see cref="State"/> is <see cref="RecordState.Found"/>.</summary>
    public IReadOnlyList<VersionSummary> Versions { get; }

    /// <summary>Set when <see cref="State"/> is <see cref="RecordState.Gone"/>.</summary>
    public Tombstone? Tombstone { get; }

    public static VersionListing Found(IReadOnlyList<VersionSummary> versions) => new(RecordState.Found, versions, null);

    public static VersionListing Gone(Tombstone tombstone) => new(RecordState.Gone, [], tombstone);
}
