using System.Security.Cryptography;
using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Keys;
using Carechain.Vault.Crypto;
using Carechain.Vault.Envelope;
using CsCheck;

namespace Carechain.Vault.Tests.Crypto;

public sealed class RecordCipherTests : IDisposable
{
    private readonly SigningKey _patientSigning = SigningKey.Generate();
    private readonly CustodianKey _custodian = TestRecords.NewCustodian();

    public void Dispose()
    {
        _patientSigning.Dispose();
        _custodian.Dispose();
    }

    [Fact]
    public void Custodian_and_patient_both_open_what_was_sealed()
    {
        var plaintext = TestRecords.Resource("obs-1", 1);
        var sealedRecord = RecordCipher.Seal(TestRecords.Header("obs-1", 1, _patientSigning.PublicKey), plaintext, _custodian);
        using var patient = PatientKey.FromSigningKey(_patientSigning);

        Assert.Equal(plaintext, RecordCipher.OpenAsCustodian(sealedRecord, _custodian));
        Assert.Equal(plaintext, RecordCipher.OpenAsPatient(sealedRecord, patient));
        Assert.Equal(plaintext, RecordCipher.OpenAsPatient(SealedRecord.Decode(sealedRecord.Encode()), patient));
    }

    [Fact]
    public void Empty_plaintext_round_trips()
    {
        var sealedRecord = RecordCipher.Seal(TestRecords.Header("empty", 1, _patientSigning.PublicKey), [], _custodian);
        Assert.Empty(RecordCipher.OpenAsCustodian(SealedRecord.Decode(sealedRecord.Encode()), _custodian));
    }

    [Fact]
    public void Patient_encryption_key_from_the_seed_matches_the_one_derived_from_the_public_key()
    {
        for (var i = 0; i < 64; i++)
        {
            using var signing = SigningKey.Generate();
            using var patient = PatientKey.FromSigningKey(signing);
            var fromSeed = patient.AgreementKey.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey);
            var fromPublic = X25519Derivation.PublicKeyFor(signing.PublicKey);
            Assert.Equal(fromSeed, fromPublic);
        }
    }

    [Fact]
    public void Each_version_gets_its_own_data_key_so_equal_plaintexts_differ()
    {
        var header = TestRecords.Header("obs-1", 1, _patientSigning.PublicKey);
        var first = RecordCipher.Seal(header, TestRecords.Resource("obs-1", 1), _custodian);
        var second = RecordCipher.Seal(header, TestRecords.Resource("obs-1", 1), _custodian);

        Assert.NotEqual(first.Ciphertext.ToArray(), second.Ciphertext.ToArray());
        Assert.NotEqual(first.CustodianWrappedKey.ToArray(), second.CustodianWrappedKey.ToArray());
        Assert.NotEqual(first.CiphertextHash, second.CiphertextHash);
    }

    [Fact]
    public void Patient_wraps_name_the_custodians_static_agreement_key_under_fresh_nonces()
    {
        var first = RecordCipher.Seal(TestRecords.Header("obs-1", 1, _patientSigning.PublicKey), TestRecords.Resource("obs-1", 1), _custodian);
        var second = RecordCipher.Seal(TestRecords.Header("obs-2", 1, _patientSigning.PublicKey), TestRecords.Resource("obs-2", 1), _custodian);
        using var otherCustodian = TestRecords.NewCustodian();
        var third = RecordCipher.Seal(TestRecords.Header("obs-3", 1, _patientSigning.PublicKey), TestRecords.Resource("obs-3", 1), otherCustodian);
        using var patient = PatientKey.FromSigningKey(_patientSigning);

        Assert.Equal(_custodian.AgreementPublicKey, first.PatientSenderKey.ToArray());
        Assert.Equal(first.PatientSenderKey.ToArray(), second.PatientSenderKey.ToArray());
        Assert.NotEqual(first.PatientSenderKey.ToArray(), third.PatientSenderKey.ToArray());
        Assert.NotEqual(first.PatientNonce.ToArray(), second.PatientNonce.ToArray());
        Assert.NotEqual(first.PatientWrappedKey.ToArray(), second.PatientWrappedKey.ToArray());
        Assert.Equal(TestRecords.Resource("obs-2", 1), RecordCipher.OpenAsPatient(SealedRecord.Decode(second.Encode()), patient));
        Assert.Equal(TestRecords.Resource("obs-3", 1), RecordCipher.OpenAsPatient(third, patient));
    }

    [Fact]
    public void Custodian_agreement_key_is_the_same_every_time_the_vault_key_is_opened()
    {
        var keystore = CustodianKey.CreateKeystore("vault passphrase", KeystoreStrength.Fast);
        using var first = CustodianKey.OpenKeystore(keystore, "vault passphrase");
        using var reopened = CustodianKey.OpenKeystore(keystore, "vault passphrase");

        Assert.Equal(first.AgreementPublicKey, reopened.AgreementPublicKey);
        Assert.NotEqual(first.Id.ToArray(), first.AgreementPublicKey);
    }

    [Fact]
    public void Envelopes_wrapped_to_an_ephemeral_key_by_earlier_builds_still_open_for_the_patient()
    {
        // As builds before the static agreement key sealed: a fresh X25519 pair per version (with NSec here).
        var aead = NSec.Cryptography.AeadAlgorithm.XChaCha20Poly1305;
        var header = TestRecords.Header("obs-old", 1, _patientSigning.PublicKey);
        var plaintext = TestRecords.Resource("obs-old", 1);
        var dataKeyBytes = RandomNumberGenerator.GetBytes(aead.KeySize);
        using var dataKey = NSec.Cryptography.Key.Import(aead, dataKeyBytes, NSec.Cryptography.KeyBlobFormat.RawSymmetricKey);
        var (bodyNonce, custodianNonce, patientNonce) = (RandomNumberGenerator.GetBytes(aead.NonceSize), RandomNumberGenerator.GetBytes(aead.NonceSize), RandomNumberGenerator.GetBytes(aead.NonceSize));
        var ciphertext = aead.Encrypt(dataKey, bodyNonce, HeaderEncoding.AssociatedData(HeaderEncoding.BodyLabel, header), plaintext);
        var custodianWrapped = aead.Encrypt(_custodian.WrappingKey, custodianNonce, HeaderEncoding.AssociatedData(HeaderEncoding.CustodianWrapLabel, header, _custodian.Id.ToArray()), dataKeyBytes);

        var x25519 = NSec.Cryptography.KeyAgreementAlgorithm.X25519;
        using var ephemeral = NSec.Cryptography.Key.Create(x25519);
        var ephemeralPublic = ephemeral.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey);
        var patientPublic = X25519Derivation.PublicKeyFor(_patientSigning.PublicKey);
        using var shared = x25519.Agree(ephemeral, NSec.Cryptography.PublicKey.Import(x25519, patientPublic, NSec.Cryptography.KeyBlobFormat.RawPublicKey))!;
        using var wrapKey = NSec.Cryptography.KeyDerivationAlgorithm.HkdfSha256.DeriveKey(
            shared, [.. ephemeralPublic, .. patientPublic], "carechain/vault/patient-wrap-key/v1"u8, aead);
        var patientWrapped = aead.Encrypt(wrapKey, patientNonce, HeaderEncoding.AssociatedData(HeaderEncoding.PatientWrapLabel, header, ephemeralPublic), dataKeyBytes);
        var old = new SealedRecord(header, _custodian.Id, custodianNonce, custodianWrapped, ephemeralPublic, patientNonce, patientWrapped, bodyNonce, ciphertext);
        using var patient = PatientKey.FromSigningKey(_patientSigning);

        Assert.Equal(plaintext, RecordCipher.OpenAsPatient(SealedRecord.Decode(old.Encode()), patient));
        Assert.Equal(plaintext, RecordCipher.OpenAsCustodian(SealedRecord.Decode(old.Encode()), _custodian));
    }

    [Fact]
    public void Ciphertext_hash_is_the_domain_tagged_hash_of_header_nonce_and_ciphertext()
    {
        var header = TestRecords.Header("obs-1", 3, _patientSigning.PublicKey);
        var sealedRecord = RecordCipher.Seal(header, TestRecords.Resource("obs-1", 3), _custodian);
        var writer = new CanonicalWriter();
        writer.Text("obs-1").VarUInt(3).Text("Observation").Key(_patientSigning.PublicKey)
            .Fixed(sealedRecord.BodyNonce.Span).Bytes(sealedRecord.Ciphertext.Span);

        Assert.Equal(DomainHash.Of(DomainTag.VaultCiphertext, writer.WrittenSpan), sealedRecord.CiphertextHash);
        Assert.Equal(sealedRecord.CiphertextHash, SealedRecord.Decode(sealedRecord.Encode()).CiphertextHash);
    }

    [Fact]
    public void Any_flipped_byte_is_refused_never_decrypted_to_something_else()
    {
        var plaintext = TestRecords.Resource("obs-1", 1);
        var encoded = RecordCipher.Seal(TestRecords.Header("obs-1", 1, _patientSigning.PublicKey), plaintext, _custodian).Encode();
        using var patient = PatientKey.FromSigningKey(_patientSigning);
        for (var position = 0; position < encoded.Length; position++)
        {
            var damaged = (byte[])encoded.Clone();
            damaged[position] ^= 0x01;
            SealedRecord record;
            try
            {
                record = SealedRecord.Decode(damaged);
            }
            catch (CodecException)
            {
                continue;
            }

            // Every part is authenticated for the reader who uses it: each reader either refuses or
            // gets the original bytes (a flip in the custodian's wrap does not concern the patient),
            // and at least one of them refuses.
            var custodianRefused = RefusesOrReturnsOriginal(() => RecordCipher.OpenAsCustodian(record, _custodian), plaintext, position);
            var patientRefused = record.Header.Patient != patient.Patient
                || RefusesOrReturnsOriginal(() => RecordCipher.OpenAsPatient(record, patient), plaintext, position);
            Assert.True(custodianRefused || patientRefused, $"byte {position} was flipped and nobody noticed");
        }
    }

    private static bool RefusesOrReturnsOriginal(Func<byte[]> open, byte[] original, int position)
    {
        try
        {
            Assert.Equal(original, open());
            return false;
        }
        catch (Exception ex) when (ex is VaultIntegrityException or ArgumentException)
        {
            return true;
        }
    }

    [Fact]
    public void Ciphertext_swapped_into_another_record_fails_authentication()
    {
        var a = RecordCipher.Seal(TestRecords.Header("rec-a", 1, _patientSigning.PublicKey), TestRecords.Resource("rec-a", 1), _custodian);
        var b = RecordCipher.Seal(TestRecords.Header("rec-b", 1, _patientSigning.PublicKey), TestRecords.Resource("rec-b", 1), _custodian);
        using var patient = PatientKey.FromSigningKey(_patientSigning);

        // b's header and keys with a's body: the data key is b's, the body is bound to a.
        var bodySwapped = Rebuild(b, bodyFrom: a);
        Assert.Throws<VaultIntegrityException>(() => RecordCipher.OpenAsCustodian(bodySwapped, _custodian));
        Assert.Throws<VaultIntegrityException>(() => RecordCipher.OpenAsPatient(bodySwapped, patient));

        // a's wrapped keys and body relabelled as b: every wrap is bound to a's header.
        var relabelled = Rebuild(a, header: b.Header);
        Assert.Throws<VaultIntegrityException>(() => RecordCipher.OpenAsCustodian(relabelled, _custodian));
        Assert.Throws<VaultIntegrityException>(() => RecordCipher.OpenAsPatient(relabelled, patient));
    }

    [Fact]
    public void Version_and_resource_type_are_bound_too()
    {
        var original = RecordCipher.Seal(TestRecords.Header("rec-a", 1, _patientSigning.PublicKey), TestRecords.Resource("rec-a", 1), _custodian);
        var otherVersion = Rebuild(original, header: TestRecords.Header("rec-a", 2, _patientSigning.PublicKey));
        var otherType = Rebuild(original, header: TestRecords.Header("rec-a", 1, _patientSigning.PublicKey, "Condition"));

        Assert.Throws<VaultIntegrityException>(() => RecordCipher.OpenAsCustodian(otherVersion, _custodian));
        Assert.Throws<VaultIntegrityException>(() => RecordCipher.OpenAsCustodian(otherType, _custodian));
    }

    [Fact]
    public void Another_patient_or_custodian_key_is_refused()
    {
        var sealedRecord = RecordCipher.Seal(TestRecords.Header("obs-1", 1, _patientSigning.PublicKey), TestRecords.Resource("obs-1", 1), _custodian);
        using var otherSigning = SigningKey.Generate();
        using var otherPatient = PatientKey.FromSigningKey(otherSigning);
        using var otherCustodian = TestRecords.NewCustodian();

        Assert.Throws<ArgumentException>(() => RecordCipher.OpenAsPatient(sealedRecord, otherPatient));
        Assert.Throws<ArgumentException>(() => RecordCipher.OpenAsCustodian(sealedRecord, otherCustodian));
    }

    [Fact]
    public void Custodian_key_reopens_from_its_keystore_and_refuses_a_wrong_passphrase()
    {
        var keystore = CustodianKey.CreateKeystore("vault passphrase", KeystoreStrength.Fast);
        using var first = CustodianKey.OpenKeystore(keystore, "vault passphrase");
        var sealedRecord = RecordCipher.Seal(TestRecords.Header("obs-1", 1, _patientSigning.PublicKey), TestRecords.Resource("obs-1", 1), first);
        using var reopened = CustodianKey.OpenKeystore(keystore, "vault passphrase");

        Assert.Equal(TestRecords.Resource("obs-1", 1), RecordCipher.OpenAsCustodian(sealedRecord, reopened));
        Assert.Throws<KeystoreException>(() => CustodianKey.OpenKeystore(keystore, "wrong passphrase"));
    }

    [Fact]
    public void Oversized_plaintext_is_refused()
    {
        var tooBig = new byte[SealedRecord.MaxPlaintextBytes + 1];
        Assert.Throws<ArgumentException>(() => RecordCipher.Seal(TestRecords.Header("big", 1, _patientSigning.PublicKey), tooBig, _custodian));
    }

    [Fact]
    public void Arbitrary_bytes_never_decode_to_an_envelope_by_accident()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            try
            {
                SealedRecord.Decode(bytes);
                return false;
            }
            catch (CodecException)
            {
                return true;
            }
        });
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("ünïcode")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void Malformed_record_ids_do_not_parse(string text) => Assert.False(Records.RecordId.TryParse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData("observation")]
    [InlineData("Observation1")]
    [InlineData("Obs-ervation")]
    public void Malformed_resource_types_do_not_parse(string text) => Assert.False(Records.ResourceType.TryParse(text, out _));

    [Fact]
    public void Version_numbers_start_at_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TestRecords.Header("obs-1", 0, _patientSigning.PublicKey));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestRecords.Header("obs-1", -1, _patientSigning.PublicKey));
    }

    private static SealedRecord Rebuild(SealedRecord from, Records.RecordVersionHeader? header = null, SealedRecord? bodyFrom = null) =>
        new(
            header ?? from.Header,
            from.CustodianKeyId,
            from.CustodianNonce.ToArray(),
            from.CustodianWrappedKey.ToArray(),
            from.PatientSenderKey.ToArray(),
            from.PatientNonce.ToArray(),
            from.PatientWrappedKey.ToArray(),
            (bodyFrom ?? from).BodyNonce.ToArray(),
            (bodyFrom ?? from).Ciphertext.ToArray());
}
