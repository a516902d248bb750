namespace Carechain.Vault.Storage;

/// <summary>The three answers to an erasure request; only <see cref="Erased"/> changed anything.</summary>
public enum ErasureStatus
{
    /// <summary>Keys and ciphertext of every version destroyed now; a tombstone written.</summary>
    Erased = 0,

    /// <summary>Erased earlier; nothing changed.</summary>
    AlreadyErased = 1,

    /// <summary>No such record; nothing changed.</summary>
    NotFound = 2,
}
