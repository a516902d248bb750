namespace Carechain.Core.Keys;

/// <summary>
/// The only exception <see cref="Keystore"/> throws for a bad keystore or passphrase. The message
/// is one line, safe to show a user, and never contains key material or text copied from the file.
/// </summary>
public sealed class KeystoreException : Exception
{
    public KeystoreException()
    {
    }

    public KeystoreException(string message)
        : base(message)
    {
    }

    public KeystoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
