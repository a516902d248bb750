using System.Text.Json.Nodes;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;

namespace Carechain.Core.Tests.Keys;

/// <summary>A keystore sealed once per test run (Fast strength) and helpers to edit its fields.</summary>
internal static class KeystoreSamples
{
    public const string Passphrase = "correct horse battery staple";

    private static readonly Lazy<(string Json, Ed25519PublicKey PublicKey, byte[] Seed)> Sample = new(() =>
    {
        using var key = SigningKey.Generate();
        return (Keystore.Seal(key, Passphrase, KeystoreStrength.Fast), key.PublicKey, key.ExportSeed());
    });

    public static string Json => Sample.Value.Json;

    public static Ed25519PublicKey PublicKey => Sample.Value.PublicKey;

    public static byte[] Seed => Sample.Value.Seed;

    /// <summary>The sample keystore with <paramref name="path"/> (e.g. "kdf.salt") set to <paramref name="value"/>.</summary>
    public static string With(string path, JsonNode? value)
    {
        var root = JsonNode.Parse(Json)!.AsObject();
        var names = path.Split('.');
        var parent = root;
        foreach (var name in names[..^1])
        {
            parent = parent[name]!.AsObject();
        }

        parent[names[^1]] = value;
        return root.ToJsonString();
    }

    public static string Field(string path)
    {
        JsonNode node = JsonNode.Parse(Json)!;
        foreach (var name in path.Split('.'))
        {
            node = node[name]!;
        }

        return node.GetValue<string>();
    }

    /// <summary>Opens the keystore; true if it opened, false if it was refused with <see cref="KeystoreException"/>.</summary>
    public static bool Opens(string json, string passphrase = Passphrase)
    {
        try
        {
            using var key = Keystore.Open(json, passphrase);
            return true;
        }
        catch (KeystoreException ex)
        {
            Assert.DoesNotContain('\n', ex.Message);
            return false;
        }
    }
}
