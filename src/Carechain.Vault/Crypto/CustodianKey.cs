using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;
using NSec.Cryptography;
using X25519 = Geralt.X25519;

namespace Carechain.Vault.Crypto;

/// <summary>
/// The custodian node's vault secrets, all derived (HKDF-SHA256, one label each) from the seed of a
/// dedicated Ed25519 key kept in an ordinary passphrase-protected Core keystore file, the node's
/// vault key file: the key-encryption key that wraps every data key the node writes, so the node
/// can read its own records back, and the static X25519 agreement key that wraps data keys for
/// patients (see <see cref="PatientWrapKey"/>). The public half of the Ed25519 key is the
/// <see cref="Id"/> written into every envelope, so a record sealed under another vault key is
/// recognised as such instead of failing obscurely.
/// </summary>
public sealed class CustodianKey : IDisposable
{
    /// <summary>Patients whose wrap keys are kept; a node writes many versions for the same patients.</summary>
    private const int CachedPatients = 4_096;

    private static readonly byte[] DerivationInfo = Encoding.ASCII.GetBytes("carechain/vault/custodian-kek/v1");
    private static readonly byte[] AgreementInfo = Encoding.ASCII.GetBytes("carechain/vault/custodian-agreement/v1");
    private static readonly byte[] PatientWrapInfo = Encoding.ASCII.GetBytes("carechain/vault/patient-wrap-key/v1");

    /// <summary>Raw X25519 private key, pinned so the collector never leaves copies of it behind; zeroed on dispose.</summary>
    private readonly byte[] _agreementPrivate;
    private readonly byte[] _agreementPublic;
    private readonly ConcurrentDictionary<Ed25519PublicKey, byte[]> _patientWrapKeys = new();
    private int _disposed;

    private CustodianKey(Key wrappingKey, Ed25519PublicKey id, byte[] agreementPrivate)
    {
        WrappingKey = wrappingKey;
        Id = id;
        _agreementPrivate = agreementPrivate;
        _agreementPublic = new byte[X25519.PublicKeySize];
        X25519.ComputePublicKey(_agreementPublic, _agreementPrivate);
    }

    /// <summary>Names the key in envelopes; reveals nothing about the wrapping key.</summary>
    public Ed25519PublicKey Id { get; }

    internal Key WrappingKey { get; }

    /// <summary>The custodian's static X25519 public key: the sender key of every patient wrap it seals. Callers must not modify it.</summary>
    internal byte[] AgreementPublicKey => _agreementPublic;

    /// <summary>A new vault key file's text, sealed under the passphrase.</summary>
    public static string CreateKeystore(string passphrase, KeystoreStrength strength = KeystoreStrength.Interactive)
    {
        using var key = SigningKey.Generate();
        return Keystore.Seal(key, passphrase, strength);
    }

    /// <summary>Opens a vault key file; throws <see cref="KeystoreException"/> for a wrong passphrase or a damaged file.</summary>
    public static CustodianKey OpenKeystore(string keystoreJson, string passphrase)
    {
        using var key = Keystore.Open(keystoreJson, passphrase);
        return FromSigningKey(key);
    }

    public static CustodianKey FromSigningKey(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var seed = key.ExportSeed();
        try
        {
            var wrappingKey = KeyDerivationAlgorithm.HkdfSha256.DeriveKey(
                seed, ReadOnlySpan<byte>.Empty, DerivationInfo, AeadAlgorithm.XChaCha20Poly1305);
            var agreementPrivate = GC.AllocateArray<byte>(X25519.PrivateKeySize, pinned: true);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, seed, agreementPrivate, ReadOnlySpan<byte>.Empty, AgreementInfo);
            return new CustodianKey(wrappingKey, key.PublicKey, agreementPrivate);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>
    /// Writes the key that wraps data keys for <paramref name="patient"/> into <paramref name="wrapKey"/>:
    /// HKDF-SHA256(ikm = X25519(custodian agreement key, patient's X25519 key), salt = custodian agreement
    /// public || patient X25519 public, info = <c>carechain/vault/patient-wrap-key/v1</c>). The patient
    /// computes the same from their own seed and <see cref="AgreementPublicKey"/>, so it is exactly the
    /// derivation of a sealed box whose "ephemeral" key is the custodian's static one. Derived once per
    /// patient and kept (at most <see cref="CachedPatients"/>): every version is still wrapped under a
    /// fresh random nonce with its header as associated data. Throws <see cref="ArgumentException"/>
    /// for a patient key with no usable X25519 counterpart.
    /// </summary>
    internal void PatientWrapKey(Ed25519PublicKey patient, Span<byte> wrapKey)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_patientWrapKeys.TryGetValue(patient, out var known))
        {
            known = DerivePatientWrapKey(patient);
            if (_patientWrapKeys.Count >= CachedPatients)
            {
                // Evicted keys are only dropped, never zeroed: another writer may still be copying one.
                _patientWrapKeys.Clear();
            }

            _patientWrapKeys[patient] = known;
        }

        known.CopyTo(wrapKey);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_agreementPrivate);
        foreach (var cached in _patientWrapKeys.Values)
        {
            CryptographicOperations.ZeroMemory(cached);
        }

        _patientWrapKeys.Clear();
        WrappingKey.Dispose();
    }

    private byte[] DerivePatientWrapKey(Ed25519PublicKey patient)
    {
        var patientPublic = X25519Derivation.PublicKeyFor(patient);
        Span<byte> shared = stackalloc byte[X25519.SharedSecretSize];
        try
        {
            try
            {
                X25519.ComputeSharedSecret(shared, _agreementPrivate, patientPublic);
            }
            catch (CryptographicException)
            {
                // A low-order point, whose agreement would be all zeros.
                throw new ArgumentException("The patient's key cannot be used for encryption.", nameof(patient));
            }

            var wrapKey = GC.AllocateArray<byte>(AeadAlgorithm.XChaCha20Poly1305.KeySize, pinned: true);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, wrapKey, [.. _agreementPublic, .. patientPublic], PatientWrapInfo);
            return wrapKey;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }
}
