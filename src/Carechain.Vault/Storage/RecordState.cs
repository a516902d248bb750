namespace Carechain.Vault.Storage;

/// <summary>Whether a record (or one of its versions) can be read.</summary>
public enum RecordState
{
    /// <summary>Stored and readable.</summary>
    Found = 0,

    /// <summary>Never stored (or that version does not exist).</summary>
    NotFound = 1,

    /// <summary>Erased: keys and ciphertext destroyed; only the tombstone remains (HTTP 410).</summary>
    Gone = 2,
}
