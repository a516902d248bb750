namespace Carechain.Vault.Storage;

/// <summary>
/// What storing a version did. Versions are append-only and numbered 1, 2, 3, ... without gaps, so
/// of two writers racing for the same version exactly one gets <see cref="Stored"/>.
/// </summary>
public enum PutOutcome
{
    /// <summary>Durably stored (synced or committed) before the call returned.</summary>
    Stored = 0,

    /// <summary>That version already exists; nothing was written.</summary>
    VersionExists = 1,

    /// <summary>The version is not the next one (a gap); nothing was written.</summary>
    VersionOutOfSequence = 2,

    /// <summary>The record was erased; nothing was written and no version can ever be added.</summary>
    RecordErased = 3,
}
