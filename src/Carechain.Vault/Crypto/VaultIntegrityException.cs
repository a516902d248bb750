namespace Carechain.Vault.Crypto;

/// <summary>
/// A stored record version failed authentication or does not belong where it was found: its
/// ciphertext, wrapped keys or envelope were altered, damaged, or moved from another record. The
/// message names only the record id and version, never content.
/// </summary>
public sealed class VaultIntegrityException : Exception
{
    public VaultIntegrityException()
    {
    }

    public VaultIntegrityException(string message)
        : base(message)
    {
    }

    public VaultIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
