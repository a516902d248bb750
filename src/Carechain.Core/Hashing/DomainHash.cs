using System.Security.Cryptography;
using System.Text;

namespace Carechain.Core.Hashing;

/// <summary>Domain-separated SHA-256 and the prefixes used for signing.</summary>
public static class DomainHash
{
    private static readonly byte[][] Prefixes = BuildPrefixes();

    /// <summary>The bytes placed before a message of this kind when it is hashed or signed.</summary>
    public static ReadOnlySpan<byte> Prefix(DomainTag tag) => Prefixes[(int)tag];

    public static Hash256 Of(DomainTag tag, ReadOnlySpan<byte> data)
    {
        var prefix = Prefix(tag);
        if (prefix.Length + data.Length <= 1024)
        {
            // Small messages (headers, transactions) are hashed from the stack: no allocation.
            Span<byte> joined = stackalloc byte[prefix.Length + data.Length];
            prefix.CopyTo(joined);
            data.CopyTo(joined[prefix.Length..]);
            return Hash256.Sha256(joined);
        }

        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hasher.AppendData(prefix);
        hasher.AppendData(data);
        Span<byte> digest = stackalloc byte[Hash256.Size];
        hasher.GetHashAndReset(digest);
        return Hash256.Read(digest);
    }

    /// <summary>Writes <c>prefix || data</c> into a new array: the exact message that gets signed.</summary>
    public static byte[] SigningMessage(DomainTag tag, ReadOnlySpan<byte> data)
    {
        var prefix = Prefix(tag);
        var message = new byte[prefix.Length + data.Length];
        prefix.CopyTo(message);
        data.CopyTo(message.AsSpan(prefix.Length));
        return message;
    }

    private static byte[][] BuildPrefixes()
    {
        var values = Enum.GetValues<DomainTag>();
        var prefixes = new byte[values.Max(v => (int)v) + 1][];
        foreach (var tag in values)
        {
            prefixes[(int)tag] = Encoding.ASCII.GetBytes("carechain/" + tag.ToString().ToLowerInvariant() + "/v1\0");
        }

        return prefixes;
    }
}
