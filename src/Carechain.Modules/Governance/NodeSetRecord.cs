using Carechain.Core.Codec;
using Carechain.Ledger.Checkpoints;

namespace Carechain.Modules.Governance;

/// <summary>
/// One entry of the node-set history governance keeps: the node keys in force after block
/// <see cref="Height"/>, the block that adopted a change of them. The history is never rewritten, so the
/// set that certifies any past height can be read from the head state.
/// </summary>
public sealed record NodeSetRecord(long Height, NodeSet NodeSet)
{
    /// <summary>Node-set changes beyond this are refused: governance would have to start a new chain.</summary>
    public const int MaxHistory = CertificateChain.MaxChanges;

    internal static byte[] EncodeHistory(IReadOnlyList<NodeSetRecord> history)
    {
        var writer = new CanonicalWriter(64 * history.Count + 4).VarUInt((ulong)history.Count);
        foreach (var (height, set) in history)
        {
            writer.VarUInt((ulong)height).VarUInt((ulong)set.Count);
            foreach (var key in set.Keys)
            {
                writer.Key(key);
            }
        }

        return writer.ToArray();
    }

    internal static IReadOnlyList<NodeSetRecord> DecodeHistory(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var history = new NodeSetRecord[reader.Length(MaxHistory, "node-set history")];
        for (var i = 0; i < history.Length; i++)
        {
            var height = (long)reader.VarUInt(long.MaxValue, "node-set change height");
            var keys = new Core.Crypto.Ed25519PublicKey[reader.Length(NodeSet.MaxKeys, "node set")];
            for (var k = 0; k < keys.Length; k++)
            {
                keys[k] = reader.Key("node key");
            }

            history[i] = new NodeSetRecord(height, new NodeSet(keys));
        }

        reader.End("node-set history");
        return history;
    }
}
