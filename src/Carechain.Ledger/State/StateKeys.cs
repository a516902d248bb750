using System.Text;

namespace Carechain.Ledger.State;

/// <summary>
/// Full state keys are <c>namespace || '/' || key</c>. A module writes only under its own
/// namespace, so no module can touch another's state, and the ledger's own bookkeeping
/// (nonces) lives under <see cref="LedgerNamespace"/>.
/// </summary>
public static class StateKeys
{
    public const string LedgerNamespace = "ledger";

    public static byte[] Full(string ns, ReadOnlySpan<byte> key)
    {
        var count = Encoding.ASCII.GetByteCount(ns);
        var full = new byte[count + 1 + key.Length];
        Encoding.ASCII.GetBytes(ns, full);
        full[count] = (byte)'/';
        key.CopyTo(full.AsSpan(count + 1));
        return full;
    }

    public static byte[] Nonce(Core.Crypto.Ed25519PublicKey author) => Full(LedgerNamespace, Tagged('n', author));

    /// <summary>A key inside a namespace: <c>tag || '/' || 32 bytes of the public key</c>.</summary>
    public static byte[] Tagged(char tag, Core.Crypto.Ed25519PublicKey key)
    {
        var bytes = TagPrefix(tag, Core.Crypto.Ed25519PublicKey.Size);
        key.WriteTo(bytes.AsSpan(2));
        return bytes;
    }

    /// <summary>A key inside a namespace: <c>tag || '/' || the 32-byte hash</c>.</summary>
    public static byte[] Tagged(char tag, Core.Hashing.Hash256 hash)
    {
        var bytes = TagPrefix(tag, Core.Hashing.Hash256.Size);
        hash.WriteTo(bytes.AsSpan(2));
        return bytes;
    }

    private static byte[] TagPrefix(char tag, int size)
    {
        var bytes = new byte[2 + size];
        bytes[0] = (byte)tag;
        bytes[1] = (byte)'/';
        return bytes;
    }
}
