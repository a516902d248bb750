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

    public static byte[] Nonce(Core.Crypto.Ed25519PublicKey author)
    {
        Span<byte> key = stackalloc byte[2 + Core.Crypto.Ed25519PublicKey.Size];
        key[0] = (byte)'n';
        key[1] = (byte)'/';
        author.WriteTo(key[2..]);
        return Full(LedgerNamespace, key);
    }
}
