using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Blocks;

namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// What a member node attests after applying a block: the chain, the height, the header hash, the
/// state commitment and the transaction log's root and size at that height, and the hash of the
/// <see cref="NodeSet"/> in force after that block (the keys that certify the heights after it). The
/// header hash already binds the rest; they are stated too so a verifier can check proofs, compare
/// states and follow node-set changes without the header or the state.
/// </summary>
public sealed record CheckpointStatement(
    string ChainId, long Height, Hash256 HeaderHash, Hash256 StateCommitment, Hash256 LogRoot, long LogSize, Hash256 NextNodeSet)
{
    /// <summary>
    /// Signed bytes start with this format byte under <see cref="DomainTag.Checkpoint"/>; a single
    /// node's <see cref="Checkpoint"/> uses 1 and statements before node sets were stated used 2, so
    /// none can be replayed as another.
    /// </summary>
    public const byte FormatVersion = 3;

    public static CheckpointStatement Of(string chainId, BlockHeader header, NodeSet nextNodeSet)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(nextNodeSet);
        return new CheckpointStatement(chainId, header.Height, header.Hash, header.StateCommitment, header.LogRoot, header.LogSize, nextNodeSet.Hash);
    }

    /// <summary>True when this statement states <paramref name="header"/> (whatever node set it names).</summary>
    public bool States(string chainId, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return ChainId == chainId && Height == header.Height && HeaderHash == header.Hash && StateCommitment == header.StateCommitment
            && LogRoot == header.LogRoot && LogSize == header.LogSize;
    }

    /// <summary>The bytes every attesting node signs.</summary>
    public byte[] SignedBytes() => Write(new CanonicalWriter(192)).ToArray();

    internal CanonicalWriter Write(CanonicalWriter writer) =>
        writer
            .Byte(FormatVersion)
            .Text(ChainId)
            .VarUInt((ulong)Height)
            .Hash(HeaderHash)
            .Hash(StateCommitment)
            .Hash(LogRoot)
            .VarUInt((ulong)LogSize)
            .Hash(NextNodeSet);

    internal static CheckpointStatement Read(ref CanonicalReader reader)
    {
        reader.Version("checkpoint statement", FormatVersion);
        return new CheckpointStatement(
            reader.Text(Transactions.TransactionLimits.MaxChainIdBytes, "chain id"),
            (long)reader.VarUInt(long.MaxValue, "height"),
            reader.Hash("header hash"),
            reader.Hash("state commitment"),
            reader.Hash("log root"),
            (long)reader.VarUInt(long.MaxValue, "log size"),
            reader.Hash("next node set"));
    }

    public override string ToString() => $"height {Height} header {HeaderHash} state {StateCommitment}";
}
