using System.Text.Json;
using System.Text.Json.Nodes;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;

namespace Carechain.Core.Tests.Keys;

public class KeystoreTests
{
    private const string Passphrase = KeystoreSamples.Passphrase;

    [Fact]
    public void Sealed_key_opens_with_the_same_passphrase()
    {
        using var original = SigningKey.Generate();
        var json = Keystore.Seal(original, Passphrase, KeystoreStrength.Fast);

        using var opened = Keystore.Open(json, Passphrase);

        Assert.Equal(original.PublicKey, opened.PublicKey);
        Assert.Equal(original.ExportSeed(), opened.ExportSeed());
    }

    [Fact]
    public void Interactive_keystore_round_trips_with_64_MiB_and_3_passes()
    {
        using var original = SigningKey.Generate();
        var json = Keystore.Seal(original, Passphrase);

        using var opened = Keystore.Open(json, Passphrase);

        Assert.Equal(original.PublicKey, opened.PublicKey);
        var kdf = JsonNode.Parse(json)!["kdf"]!;
        Assert.Equal(65536, kdf["memoryKiB"]!.GetValue<long>());
        Assert.Equal(3, kdf["passes"]!.GetValue<long>());
    }

    [Fact]
    public void Wrong_passphrase_is_refused()
    {
        var ex = Assert.Throws<KeystoreException>(() => Keystore.Open(KeystoreSamples.Json, Passphrase + "!"));
        Assert.Equal("wrong passphrase or damaged keystore", ex.Message);
    }

    [Fact]
    public void Empty_passphrase_is_refused_when_sealing()
    {
        using var key = SigningKey.Generate();
        var ex = Assert.Throws<KeystoreException>(() => Keystore.Seal(key, string.Empty, KeystoreStrength.Fast));
        Assert.Equal("the passphrase must not be empty", ex.Message);
    }

    [Fact]
    public void Empty_passphrase_is_refused_when_opening()
    {
        var ex = Assert.Throws<KeystoreException>(() => Keystore.Open(KeystoreSamples.Json, string.Empty));
        Assert.Equal("the passphrase must not be empty", ex.Message);
    }

    [Fact]
    public void Passphrase_with_a_lone_surrogate_is_refused()
    {
        using var key = SigningKey.Generate();
        Assert.Throws<KeystoreException>(() => Keystore.Seal(key, "pass\uD800word", KeystoreStrength.Fast));
        Assert.Throws<KeystoreException>(() => Keystore.Open(KeystoreSamples.Json, "pass\uD800word"));
    }

    [Fact]
    public void Non_ASCII_passphrase_opens_only_with_the_same_code_points()
    {
        using var key = SigningKey.Generate();
        var json = Keystore.Seal(key, "caf\u00E9 \u8A3A\u7642 \U0001F511", KeystoreStrength.Fast);

        using (var opened = Keystore.Open(json, "caf\u00E9 \u8A3A\u7642 \U0001F511"))
        {
            Assert.Equal(key.PublicKey, opened.PublicKey);
        }

        // Not normalized: a decomposed "e" + combining accent is a different passphrase.
        Assert.False(KeystoreSamples.Opens(json, "cafe\u0301 \u8A3A\u7642 \U0001F511"));
    }

    [Fact]
    public void Sealing_twice_uses_a_fresh_salt_and_nonce()
    {
        using var key = SigningKey.Generate();
        var first = JsonNode.Parse(Keystore.Seal(key, Passphrase, KeystoreStrength.Fast))!;
        var second = JsonNode.Parse(Keystore.Seal(key, Passphrase, KeystoreStrength.Fast))!;

        Assert.NotEqual(first["kdf"]!["salt"]!.GetValue<string>(), second["kdf"]!["salt"]!.GetValue<string>());
        Assert.NotEqual(first["cipher"]!["nonce"]!.GetValue<string>(), second["cipher"]!["nonce"]!.GetValue<string>());
        Assert.NotEqual(first["cipher"]!["ciphertext"]!.GetValue<string>(), second["cipher"]!["ciphertext"]!.GetValue<string>());
    }

    [Fact]
    public void Public_key_is_readable_without_the_passphrase() =>
        Assert.Equal(KeystoreSamples.PublicKey, Keystore.ReadPublicKey(KeystoreSamples.Json));

    [Fact]
    public void Keystore_is_camel_case_json_with_every_documented_field()
    {
        using var document = JsonDocument.Parse(KeystoreSamples.Json);
        var root = document.RootElement;
        var kdf = root.GetProperty("kdf");
        var cipher = root.GetProperty("cipher");

        Assert.Equal("carechain-keystore", root.GetProperty("format").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(KeystoreSamples.PublicKey.ToString(), root.GetProperty("publicKey").GetString());
        Assert.Equal("argon2id", kdf.GetProperty("name").GetString());
        Assert.Equal(8192, kdf.GetProperty("memoryKiB").GetInt64());
        Assert.Equal(1, kdf.GetProperty("passes").GetInt64());
        Assert.Equal(1, kdf.GetProperty("parallelism").GetInt32());
        Assert.Equal(16, Convert.FromBase64String(kdf.GetProperty("salt").GetString()!).Length);
        Assert.Equal("xchacha20poly1305", cipher.GetProperty("name").GetString());
        Assert.Equal(24, Convert.FromBase64String(cipher.GetProperty("nonce").GetString()!).Length);
        Assert.Equal(48, Convert.FromBase64String(cipher.GetProperty("ciphertext").GetString()!).Length);
    }

    [Fact]
    public void Keystore_text_does_not_contain_the_seed()
    {
        var seed = KeystoreSamples.Seed;
        Assert.DoesNotContain(Convert.ToHexStringLower(seed), KeystoreSamples.Json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(seed), KeystoreSamples.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_public_key_is_refused()
    {
        using var other = SigningKey.Generate();
        var json = KeystoreSamples.With("publicKey", other.PublicKey.ToString());

        var ex = Assert.Throws<KeystoreException>(() => Keystore.Open(json, Passphrase));
        Assert.Equal("wrong passphrase or damaged keystore", ex.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Other_versions_are_refused_by_number(long version)
    {
        var json = KeystoreSamples.With("version", version);

        var ex = Assert.Throws<KeystoreException>(() => Keystore.Open(json, Passphrase));
        Assert.Equal($"unsupported keystore version {version}", ex.Message);
    }

    [Theory]
    [InlineData("kdf.memoryKiB", 8191)]
    [InlineData("kdf.memoryKiB", 1048577)]
    [InlineData("kdf.memoryKiB", long.MaxValue)]
    [InlineData("kdf.memoryKiB", -8192)]
    [InlineData("kdf.passes", 0)]
    [InlineData("kdf.passes", 11)]
    [InlineData("kdf.parallelism", 2)]
    [InlineData("kdf.parallelism", 0)]
    public void KDF_parameters_outside_the_safe_range_are_refused_before_any_work(string path, long value)
    {
        var json = KeystoreSamples.With(path, value);

        var ex = Assert.Throws<KeystoreException>(() => Keystore.ReadPublicKey(json));
        Assert.Equal("keystore KDF parameters out of range", ex.Message);
    }

    [Theory]
    [InlineData("kdf.memoryKiB", 8193)]
    [InlineData("kdf.passes", 2)]
    public void Edited_KDF_parameters_do_not_open(string path, long value) =>
        Assert.False(KeystoreSamples.Opens(KeystoreSamples.With(path, value)));

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"carechain-keystore\"")]
    [InlineData("{\"format\":\"other-keystore\",\"version\":1}")]
    public void Other_json_is_not_a_Carechain_keystore(string json)
    {
        var ex = Assert.Throws<KeystoreException>(() => Keystore.Open(json, Passphrase));
        Assert.Equal("not a Carechain keystore", ex.Message);
    }

    [Theory]
    [InlineData("publicKey", "00")]
    [InlineData("kdf.salt", "AAAA")]
    [InlineData("kdf.salt", " AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("cipher.nonce", "not base64!")]
    [InlineData("cipher.ciphertext", null)]
    public void Malformed_fields_are_refused_by_name(string path, string? value)
    {
        var json = KeystoreSamples.With(path, value);

        var ex = Assert.Throws<KeystoreException>(() => Keystore.Open(json, Passphrase));
        Assert.Equal($"keystore field {path} is missing or malformed", ex.Message);
    }

    [Fact]
    public void Escaped_lone_surrogate_in_a_field_is_refused()
    {
        var json = KeystoreSamples.Json.Replace("\"carechain-keystore\"", "\"carechain-keystore\\ud800\"", StringComparison.Ordinal);

        var ex = Assert.Throws<KeystoreException>(() => Keystore.ReadPublicKey(json));
        Assert.Equal("not a Carechain keystore", ex.Message);
    }

    [Fact]
    public void Unpaired_surrogate_in_the_text_is_refused()
    {
        var ex = Assert.Throws<KeystoreException>(() => Keystore.ReadPublicKey("{\"format\": \"\uD800\"}"));
        Assert.Equal("keystore is not valid Unicode text", ex.Message);
    }

    [Fact]
    public void Duplicate_fields_are_refused()
    {
        var json = KeystoreSamples.Json.Replace("\"version\": 1", "\"version\": 1, \"version\": 2", StringComparison.Ordinal);

        var ex = Assert.Throws<KeystoreException>(() => Keystore.ReadPublicKey(json));
        Assert.Equal("keystore is not valid JSON", ex.Message);
    }

    [Fact]
    public void Undefined_strength_is_a_programming_error()
    {
        using var key = SigningKey.Generate();
        Assert.Throws<ArgumentOutOfRangeException>(() => Keystore.Seal(key, Passphrase, (KeystoreStrength)7));
    }
}
