using System.Text.Json.Nodes;
using Carechain.Core.Keys;
using CsCheck;

namespace Carechain.Core.Tests.Keys;

public class KeystoreFuzzTests
{
    private static readonly string[] Paths =
    [
        "format", "version", "publicKey", "kdf", "kdf.name", "kdf.memoryKiB", "kdf.passes", "kdf.parallelism",
        "kdf.salt", "cipher", "cipher.name", "cipher.nonce", "cipher.ciphertext",
    ];

    // Characters that make up JSON structure and keystore values, so random text gets past the tokenizer.
    private static readonly Gen<string> JsonishText = Gen.String["{}[]\":,0123456789.eE+-abcdefABCDEF/=\\u \n\uD800\u00E9"];

    private static readonly Gen<JsonNode?> OddValues = Gen.OneOf(
        Gen.Const<JsonNode?>(() => null),
        Gen.Bool.Select(b => (JsonNode?)b),
        // Small or extreme integers only: a random mid-sized memoryKiB would make a sample run a real 1 GiB derivation.
        Gen.Long[-1000, 1000].Select(n => (JsonNode?)n),
        Gen.OneOf(long.MinValue, long.MaxValue, 8191L, 1048577L).Select(n => (JsonNode?)n),
        Gen.Double.Select(d => double.IsFinite(d) ? (JsonNode?)d : null),
        Gen.String.Select(s => (JsonNode?)s),
        JsonishText.Select(s => (JsonNode?)s),
        Gen.Const<JsonNode?>(() => new JsonArray(1, "a")),
        Gen.Const<JsonNode?>(() => new JsonObject { ["name"] = "argon2id" }));

    [Fact]
    public void Random_text_is_only_ever_refused_with_KeystoreException() =>
        Gen.OneOf(Gen.String, JsonishText).Sample(OnlyKeystoreExceptions, iter: 400);

    [Fact]
    public void Every_truncation_of_a_keystore_is_refused_with_KeystoreException()
    {
        var json = KeystoreSamples.Json;
        Assert.All(Enumerable.Range(0, json.Length), length => Assert.False(KeystoreSamples.Opens(json[..length])));
    }

    [Fact]
    public void Random_character_edits_only_ever_throw_KeystoreException()
    {
        var json = KeystoreSamples.Json;
        Gen.Select(Gen.Int[0, json.Length - 1], Gen.Char, (index, c) => string.Concat(json.AsSpan(0, index), new string(c, 1), json.AsSpan(index + 1)))
            .Sample(OnlyKeystoreExceptions, iter: 300);
    }

    [Fact]
    public void Fields_of_the_wrong_type_or_value_only_ever_throw_KeystoreException() =>
        Gen.Select(Gen.OneOf(Paths), OddValues)
            .Select((path, value) => KeystoreSamples.With(path, value))
            .Sample(OnlyKeystoreExceptions, iter: 400);

    private static bool OnlyKeystoreExceptions(string text)
    {
        KeystoreSamples.Opens(text);
        try
        {
            Keystore.ReadPublicKey(text);
        }
        catch (KeystoreException)
        {
            // Expected for almost every input; anything else escapes and fails the property.
        }

        return true;
    }
}
