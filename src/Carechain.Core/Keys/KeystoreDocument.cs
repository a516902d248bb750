using System.Buffers;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using NSec.Cryptography;

namespace Carechain.Core.Keys;

/// <summary>
/// The JSON form of a keystore. <see cref="Parse"/> either returns a document whose every field
/// has the exact type, length and range that <see cref="Keystore"/> needs, or throws
/// <see cref="KeystoreException"/>; no other exception escapes it for any input string.
/// </summary>
internal sealed class KeystoreDocument
{
    public const string Format = "carechain-keystore";
    public const int Version = 1;
    public const string KdfName = "argon2id";
    public const string CipherName = "xchacha20poly1305";

    // A keystore is a few hundred bytes; refusing anything far larger keeps parsing cheap.
    private const int MaxLength = 64 * 1024;

    public static readonly int NonceSize = AeadAlgorithm.XChaCha20Poly1305.NonceSize;
    public static readonly int CiphertextSize = SigningKey.SeedSize + AeadAlgorithm.XChaCha20Poly1305.TagSize;

    // Duplicate names are refused because two readers could pick different values for the same field.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 8, AllowDuplicateProperties = false };

    // Strict: a passphrase-protected file must not be silently "repaired" by replacing bad characters.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public KeystoreDocument(Ed25519PublicKey publicKey, KdfParameters kdf, byte[] salt, byte[] nonce, byte[] ciphertext)
    {
        PublicKey = publicKey;
        Kdf = kdf;
        Salt = salt;
        Nonce = nonce;
        Ciphertext = ciphertext;
    }

    public Ed25519PublicKey PublicKey { get; }

    public KdfParameters Kdf { get; }

    public byte[] Salt { get; }

    public byte[] Nonce { get; }

    public byte[] Ciphertext { get; }

    public static KeystoreDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            throw new KeystoreException("not a Carechain keystore (file too large)");
        }

        byte[] utf8;
        try
        {
            // Transcoding ourselves: JsonDocument.Parse(string) throws ArgumentException on lone surrogates.
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException ex)
        {
            throw new KeystoreException("keystore is not valid Unicode text", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw new KeystoreException("keystore is not valid JSON", ex);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("publicKey", PublicKey.ToString());
            writer.WriteStartObject("kdf");
            writer.WriteString("name", KdfName);
            writer.WriteNumber("memoryKiB", Kdf.MemoryKiB);
            writer.WriteNumber("passes", Kdf.Passes);
            writer.WriteNumber("parallelism", KdfParameters.Parallelism);
            writer.WriteString("salt", Convert.ToBase64String(Salt));
            writer.WriteEndObject();
            writer.WriteStartObject("cipher");
            writer.WriteString("name", CipherName);
            writer.WriteString("nonce", Convert.ToBase64String(Nonce));
            writer.WriteString("ciphertext", Convert.ToBase64String(Ciphertext));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static KeystoreDocument Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || String(root, "format") != Format)
        {
            throw new KeystoreException("not a Carechain keystore");
        }

        // The version is checked before anything else so a newer file says so instead of "malformed".
        var version = Integer(root, "version") ?? throw Malformed("version");
        if (version != Version)
        {
            throw new KeystoreException($"unsupported keystore version {version}");
        }

        if (!Ed25519PublicKey.TryParse(String(root, "publicKey"), out var publicKey))
        {
            throw Malformed("publicKey");
        }

        var kdf = Object(root, "kdf");
        if (String(kdf, "name") != KdfName)
        {
            throw new KeystoreException("unsupported keystore KDF (only argon2id is supported)");
        }

        var parameters = new KdfParameters(
            Integer(kdf, "memoryKiB") ?? throw Malformed("kdf.memoryKiB"),
            Integer(kdf, "passes") ?? throw Malformed("kdf.passes"));
        var parallelism = Integer(kdf, "parallelism") ?? throw Malformed("kdf.parallelism");
        if (parallelism != KdfParameters.Parallelism || !parameters.IsAcceptable)
        {
            throw new KeystoreException("keystore KDF parameters out of range");
        }

        var salt = Bytes(kdf, "salt", KdfParameters.SaltSize, "kdf.salt");

        var cipher = Object(root, "cipher");
        if (String(cipher, "name") != CipherName)
        {
            throw new KeystoreException("unsupported keystore cipher (only xchacha20poly1305 is supported)");
        }

        var nonce = Bytes(cipher, "nonce", NonceSize, "cipher.nonce");
        var ciphertext = Bytes(cipher, "ciphertext", CiphertextSize, "cipher.ciphertext");
        return new KeystoreDocument(publicKey, parameters, salt, nonce, ciphertext);
    }

    private static KeystoreException Malformed(string field) => new($"keystore field {field} is missing or malformed");

    private static JsonElement Object(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw Malformed(name);

    private static long? Integer(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    private static string? String(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but not a .NET string.
            return null;
        }
    }

    /// <summary>Exactly <paramref name="size"/> bytes in canonical base64, so each file has one spelling.</summary>
    private static byte[] Bytes(JsonElement parent, string name, int size, string field)
    {
        var text = String(parent, name);
        var bytes = new byte[size];
        if (text is null
            || !Convert.TryFromBase64String(text, bytes, out var written)
            || written != size
            || Convert.ToBase64String(bytes) != text)
        {
            throw Malformed(field);
        }

        return bytes;
    }
}
