using System.Security.Cryptography;
using System.Text;
using Carechain.Vault.Envelope;
using Carechain.Vault.Records;
using NSec.Cryptography;
using XChaCha20Poly1305 = Geralt.XChaCha20Poly1305;

namespace Carechain.Vault.Crypto;

/// <summary>
/// Seals a record version under a fresh random data key (XChaCha20-Poly1305), wraps that key for
/// the custodian (symmetric, under its key-encryption key) and for the patient (X25519 between the
/// custodian's static agreement key and the patient's key, HKDF-SHA256, XChaCha20-Poly1305 under a
/// fresh nonce; see <see cref="CustodianKey.PatientWrapKey"/>), and opens it again for either. The header
/// is associated data everywhere, so a ciphertext or a wrapped key moved to another record id,
/// version, type or patient fails authentication instead of decrypting to the wrong record.
/// Sealing works on raw key bytes in stack memory (Geralt over libsodium: the same constructions
/// as NSec's, byte for byte), because NSec places every key in guarded <c>sodium_malloc</c> pages
/// and a seal would make several of them. Unwrapping a data key keeps NSec, so every test that seals
/// and opens also checks the two agree; the body is opened with Geralt on the unwrapped raw key, as
/// every read does it, for the same reason as sealing.
/// </summary>
public static class RecordCipher
{
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;
    private static readonly byte[] PatientWrapInfo = Encoding.ASCII.GetBytes("carechain/vault/patient-wrap-key/v1");

    public static SealedRecord Seal(RecordVersionHeader header, ReadOnlySpan<byte> plaintext, CustodianKey custodian)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(custodian);
        if (plaintext.Length > SealedRecord.MaxPlaintextBytes)
        {
            throw new ArgumentException($"A record version holds at most {SealedRecord.MaxPlaintextBytes} bytes.", nameof(plaintext));
        }

        Span<byte> secrets = stackalloc byte[2 * Aead.KeySize];
        var dataKey = secrets[..Aead.KeySize];
        var patientWrapKey = secrets[Aead.KeySize..];
        try
        {
            custodian.PatientWrapKey(header.Patient, patientWrapKey);

            // One draw from the system's generator for the data key and the three nonces.
            var nonces = new byte[3 * Aead.NonceSize];
            Span<byte> random = stackalloc byte[Aead.KeySize + nonces.Length];
            RandomNumberGenerator.Fill(random);
            random[..Aead.KeySize].CopyTo(dataKey);
            random[Aead.KeySize..].CopyTo(nonces);
            CryptographicOperations.ZeroMemory(random);

            var bodyNonce = nonces.AsMemory(0, Aead.NonceSize);
            var custodianNonce = nonces.AsMemory(Aead.NonceSize, Aead.NonceSize);
            var patientNonce = nonces.AsMemory(2 * Aead.NonceSize);
            var ciphertext = new byte[plaintext.Length + Aead.TagSize];
            XChaCha20Poly1305.Encrypt(ciphertext, plaintext, bodyNonce.Span, dataKey, HeaderEncoding.AssociatedData(HeaderEncoding.BodyLabel, header));

            var custodianWrapped = Aead.Encrypt(custodian.WrappingKey, custodianNonce.Span, CustodianAssociatedData(header, custodian.Id), dataKey);

            // The patient's wrap names the custodian's static agreement key where a sealed box names its
            // ephemeral one: the patient opens it the same way (docs/vault.md, "Encryption").
            var senderPublic = custodian.AgreementPublicKey;
            var patientWrapped = new byte[Aead.KeySize + Aead.TagSize];
            XChaCha20Poly1305.Encrypt(
                patientWrapped, dataKey, patientNonce.Span, patientWrapKey, HeaderEncoding.AssociatedData(HeaderEncoding.PatientWrapLabel, header, senderPublic));

            return new SealedRecord(header, custodian.Id, custodianNonce, custodianWrapped, senderPublic, patientNonce, patientWrapped, bodyNonce, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    /// <summary>The plaintext, for the custodian whose vault key sealed it; <see cref="VaultIntegrityException"/> if anything was altered.</summary>
    public static byte[] OpenAsCustodian(SealedRecord record, CustodianKey custodian)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(custodian);
        if (record.CustodianKeyId != custodian.Id)
        {
            throw new ArgumentException($"Record {Name(record)} was sealed under another custodian vault key.", nameof(custodian));
        }

        Span<byte> dataKey = stackalloc byte[Aead.KeySize];
        try
        {
            if (!Aead.Decrypt(custodian.WrappingKey, record.CustodianNonce.Span, CustodianAssociatedData(record.Header, custodian.Id), record.CustodianWrappedKey.Span, dataKey))
            {
                throw Tampered(record);
            }

            return OpenBody(record, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The plaintext, for the patient the record belongs to; <see cref="VaultIntegrityException"/> if anything was altered.</summary>
    public static byte[] OpenAsPatient(SealedRecord record, PatientKey patient)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(patient);
        if (record.Header.Patient != patient.Patient)
        {
            throw new ArgumentException($"Record {Name(record)} belongs to another patient.", nameof(patient));
        }

        var senderPublic = record.PatientSenderKey.ToArray();
        Span<byte> dataKey = stackalloc byte[Aead.KeySize];
        try
        {
            if (!PublicKey.TryImport(KeyAgreementAlgorithm.X25519, senderPublic, KeyBlobFormat.RawPublicKey, out var sender) || sender is null)
            {
                throw Tampered(record);
            }

            using var wrapKey = PatientWrapKey(patient.AgreementKey, sender, senderPublic, patient.AgreementKey.PublicKey.Export(KeyBlobFormat.RawPublicKey)) ?? throw Tampered(record);
            if (!Aead.Decrypt(wrapKey, record.PatientNonce.Span, HeaderEncoding.AssociatedData(HeaderEncoding.PatientWrapLabel, record.Header, senderPublic), record.PatientWrappedKey.Span, dataKey))
            {
                throw Tampered(record);
            }

            return OpenBody(record, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] OpenBody(SealedRecord record, ReadOnlySpan<byte> dataKey)
    {
        var plaintext = new byte[record.Ciphertext.Length - Aead.TagSize];
        try
        {
            XChaCha20Poly1305.Decrypt(plaintext, record.Ciphertext.Span, record.BodyNonce.Span, dataKey, HeaderEncoding.AssociatedData(HeaderEncoding.BodyLabel, record.Header));
        }
        catch (CryptographicException)
        {
            throw Tampered(record);
        }

        return plaintext;
    }

    /// <summary>
    /// HKDF-SHA256 over the X25519 shared secret, salted with both public keys (the sender's first), so the
    /// wrap key is bound to this exact pair; the patient's side of <see cref="CustodianKey.PatientWrapKey"/>,
    /// computed independently with NSec. Null when the agreement yields no secret (a low-order point).
    /// </summary>
    private static Key? PatientWrapKey(Key ownKey, PublicKey otherKey, byte[] senderPublic, byte[] recipientPublic)
    {
        using var secret = KeyAgreementAlgorithm.X25519.Agree(ownKey, otherKey);
        if (secret is null)
        {
            return null;
        }

        var salt = new byte[senderPublic.Length + recipientPublic.Length];
        senderPublic.CopyTo(salt, 0);
        recipientPublic.CopyTo(salt, senderPublic.Length);
        return KeyDerivationAlgorithm.HkdfSha256.DeriveKey(secret, salt, PatientWrapInfo, Aead);
    }

    private static byte[] CustodianAssociatedData(RecordVersionHeader header, Core.Crypto.Ed25519PublicKey custodianId) =>
        HeaderEncoding.AssociatedData(HeaderEncoding.CustodianWrapLabel, header, custodianId.ToArray());

    private static VaultIntegrityException Tampered(SealedRecord record) =>
        new($"Record {Name(record)} failed authentication: its ciphertext or wrapped keys were altered or belong to another record.");

    private static string Name(SealedRecord record) => $"{record.Header.Id} version {record.Header.Version}";
}
