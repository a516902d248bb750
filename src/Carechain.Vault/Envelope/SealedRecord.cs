using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Vault.Records;
using Carechain.Vault.Crypto;
using NSec.Cryptography;

namespace Carechain.Vault.Envelope;

/// <summary>
/// One encrypted record version exactly as the vault stores it (layout in docs/vault.md): the
/// header in the clear, the data key wrapped for the custodian and for the patient, and the
/// body encrypted under the data key. Holds no plaintext and no usable key. Its
/// <see cref="CiphertextHash"/> is what the chain anchors.
/// </summary>
public sealed class SealedRecord
{
    public const byte FormatVersion = 1;

    /// <summary>The largest plaintext one version may hold.</summary>
    public const int MaxPlaintextBytes = 16 * 1024 * 1024;

    public static readonly int NonceSize = AeadAlgorithm.XChaCha20Poly1305.NonceSize;
    public static readonly int WrappedKeySize = AeadAlgorithm.XChaCha20Poly1305.KeySize + AeadAlgorithm.XChaCha20Poly1305.TagSize;
    public static readonly int MaxCiphertextBytes = MaxPlaintextBytes + AeadAlgorithm.XChaCha20Poly1305.TagSize;

    internal SealedRecord(
        RecordVersionHeader header,
        Ed25519PublicKey custodianKeyId,
        ReadOnlyMemory<byte> custodianNonce,
        ReadOnlyMemory<byte> custodianWrappedKey,
        ReadOnlyMemory<byte> patientSenderKey,
        ReadOnlyMemory<byte> patientNonce,
        ReadOnlyMemory<byte> patientWrappedKey,
        ReadOnlyMemory<byte> bodyNonce,
        ReadOnlyMemory<byte> ciphertext)
    {
        Header = header;
        CustodianKeyId = custodianKeyId;
        CustodianNonce = custodianNonce;
        CustodianWrappedKey = custodianWrappedKey;
        PatientSenderKey = patientSenderKey;
        PatientNonce = patientNonce;
        PatientWrappedKey = patientWrappedKey;
        BodyNonce = bodyNonce;
        Ciphertext = ciphertext;
        CiphertextHash = ComputeCiphertextHash(header, bodyNonce.Span, ciphertext.Span);
    }

    public RecordVersionHeader Header { get; }

    /// <summary>Which custodian vault key wrapped <see cref="CustodianWrappedKey"/>.</summary>
    public Ed25519PublicKey CustodianKeyId { get; }

    /// <summary>
    /// SHA-256 under the <see cref="DomainTag.VaultCiphertext"/> tag of <c>header || body nonce ||
    /// ciphertext</c>: what the chain anchors. It leaves out the wrapped keys, so re-wrapping under a
    /// new custodian key does not change the anchor, while the wrapped keys stay authenticated by
    /// their own AEAD tags.
    /// </summary>
    public Hash256 CiphertextHash { get; }

    /// <summary>The encrypted body with its 16-byte tag; for tests and raw inspection.</summary>
    public ReadOnlyMemory<byte> Ciphertext { get; }

    internal ReadOnlyMemory<byte> CustodianNonce { get; }

    internal ReadOnlyMemory<byte> CustodianWrappedKey { get; }

    /// <summary>
    /// The X25519 public key the patient agrees with to unwrap <see cref="PatientWrappedKey"/>: the
    /// custodian vault's static agreement key (envelopes written before it, an ephemeral key).
    /// </summary>
    internal ReadOnlyMemory<byte> PatientSenderKey { get; }

    internal ReadOnlyMemory<byte> PatientNonce { get; }

    internal ReadOnlyMemory<byte> PatientWrappedKey { get; }

    internal ReadOnlyMemory<byte> BodyNonce { get; }

    public byte[] Encode()
    {
        // Room for every fixed field (about 400 bytes with a 64-character id), so the buffer never grows.
        var writer = new CanonicalWriter(512 + Ciphertext.Length);
        writer.Byte(FormatVersion);
        HeaderEncoding.Write(writer, Header);
        writer.Key(CustodianKeyId)
            .Fixed(CustodianNonce.Span)
            .Fixed(CustodianWrappedKey.Span)
            .Fixed(PatientSenderKey.Span)
            .Fixed(PatientNonce.Span)
            .Fixed(PatientWrappedKey.Span)
            .Fixed(BodyNonce.Span)
            .Bytes(Ciphertext.Span);
        return writer.ToArray();
    }

    /// <summary>Parses stored bytes; throws <see cref="CodecException"/> for anything but a well-formed envelope.</summary>
    public static SealedRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("vault envelope", FormatVersion);
        var header = HeaderEncoding.Read(ref reader);
        var custodianKeyId = reader.Key("custodian key id");
        var custodianNonce = reader.Fixed(NonceSize, "custodian nonce").ToArray();
        var custodianWrapped = reader.Fixed(WrappedKeySize, "custodian wrapped key").ToArray();
        var sender = reader.Fixed(X25519Derivation.KeySize, "patient sender key").ToArray();
        var patientNonce = reader.Fixed(NonceSize, "patient nonce").ToArray();
        var patientWrapped = reader.Fixed(WrappedKeySize, "patient wrapped key").ToArray();
        var bodyNonce = reader.Fixed(NonceSize, "body nonce").ToArray();
        var ciphertext = reader.Bytes(MaxCiphertextBytes, "ciphertext").ToArray();
        reader.End("vault envelope");
        if (ciphertext.Length < AeadAlgorithm.XChaCha20Poly1305.TagSize)
        {
            throw new CodecException("the ciphertext is shorter than its tag", bytes.Length);
        }

        return new SealedRecord(header, custodianKeyId, custodianNonce, custodianWrapped, sender, patientNonce, patientWrapped, bodyNonce, ciphertext);
    }

    internal static Hash256 ComputeCiphertextHash(RecordVersionHeader header, ReadOnlySpan<byte> bodyNonce, ReadOnlySpan<byte> ciphertext)
    {
        var writer = new CanonicalWriter(256 + ciphertext.Length);
        HeaderEncoding.Write(writer, header);
        writer.Fixed(bodyNonce).Bytes(ciphertext);
        return DomainHash.Of(DomainTag.VaultCiphertext, writer.WrittenSpan);
    }
}
