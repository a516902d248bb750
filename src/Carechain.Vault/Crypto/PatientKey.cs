using System.Security.Cryptography;
using Carechain.Core.Crypto;
using NSec.Cryptography;

namespace Carechain.Vault.Crypto;

/// <summary>
/// A patient's decryption key: the X25519 private key derived from the same 32-byte seed as their
/// Ed25519 signing key (see <see cref="X25519Derivation"/>), so one keystore file serves both and
/// writers need nothing but the patient's Ed25519 key from the chain.
/// </summary>
public sealed class PatientKey : IDisposable
{
    private PatientKey(Key agreementKey, Ed25519PublicKey patient)
    {
        AgreementKey = agreementKey;
        Patient = patient;
    }

    /// <summary>The patient's Ed25519 key, as named in record headers.</summary>
    public Ed25519PublicKey Patient { get; }

    internal Key AgreementKey { get; }

    public static PatientKey FromSigningKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var seed = key.ExportSeed();
        try
        {
            return new PatientKey(X25519Derivation.PrivateKeyFromSeed(seed), key.PublicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public void Dispose() => AgreementKey.Dispose();
}
