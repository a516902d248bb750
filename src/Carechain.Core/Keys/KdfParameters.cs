using NSec.Cryptography;

namespace Carechain.Core.Keys;

/// <summary>
/// Argon2id cost parameters as stored in a keystore. Values read from a file are checked with
/// <see cref="IsAcceptable"/> before any work is done, so a hostile file can neither make the
/// machine allocate more than 1 GiB nor smuggle in a setting weaker than <see cref="KeystoreStrength.Fast"/>.
/// </summary>
internal readonly record struct KdfParameters(long MemoryKiB, long Passes)
{
    public const int SaltSize = 16;
    public const int Parallelism = 1;

    // Upper bounds: even a 10-pass, 1 GiB derivation finishes in seconds, not minutes.
    public const long MaxMemoryKiB = 1024 * 1024;
    public const long MaxPasses = 10;

    public static readonly KdfParameters Fast = new(8 * 1024, 1);
    public static readonly KdfParameters Interactive = new(64 * 1024, 3);

    public static KdfParameters For(KeystoreStrength strength) => strength switch
    {
        KeystoreStrength.Interactive => Interactive,
        KeystoreStrength.Fast => Fast,
        _ => throw new ArgumentOutOfRangeException(nameof(strength), strength, "Unknown keystore strength."),
    };

    public bool IsAcceptable =>
        MemoryKiB >= Fast.MemoryKiB && MemoryKiB <= MaxMemoryKiB
        && Passes >= Fast.Passes && Passes <= MaxPasses;

    /// <summary>Derives the XChaCha20-Poly1305 key that wraps the seed.</summary>
    public Key DeriveKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt)
    {
        var argon2id = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = Parallelism,
            MemorySize = MemoryKiB,
            NumberOfPasses = Passes,
        });

        try
        {
            return argon2id.DeriveKey(passphrase, salt, AeadAlgorithm.XChaCha20Poly1305);
        }
        catch (NotImplementedException ex)
        {
            // NSec 26.4 reports any libsodium failure here (in practice: the memory could not be
            // allocated) as NotImplementedException; the caller must only ever see KeystoreException.
            throw new KeystoreException("not enough memory to derive the keystore key", ex);
        }
    }
}
