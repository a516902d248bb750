using Carechain.Core.Codec;
using Carechain.Core.Hashing;
using Carechain.Ledger.Blocks;

namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// What a member node attests after applying a block: the chain, the height, the header hash, the
/// state commitment and the transaction log's root and size at that height. The header hash already
/// binds the rest; they are stated too so a verifier can check proofs and compare states without the header.
/// </summary>
public sealed record CheckpointStatement(string ChainId, long Height, Hash256 HeaderHash, Hash256 StateCommitment, Hash256 LogRoot, long LogSize)
{
    /// <summary>
    /// Signed bytes start with this format byte under <see cref="DomainTag.Checkpoint"/>; a single
    /// node's <see cref="Checkpoint"/> uses 1, so the two can never be replayed as each other.
    /// </summary>
    public const byte FormatVersion = 2;

    public static CheckpointStatement Of(string chainId, BlockHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new CheckpointStatement(chainId, header.Height, header.Hash, header.StateCommitment, header.LogRoot, header.LogSize);
    }

    /// <summary>The bytes every attesting node signs.</summary>
    public byte[] SignedBytes() => Write(new CanonicalWriter(160)).ToArray();

    internal CanonicalWriter Write(CanonicalWriter writer) =>
        writer
            .Byte(FormatVersion)
            .Text(ChainId)
            .VarUInt((ulong)Height)
            .Hash(HeaderHash)
            .Hash(StateCommitment)
            .Hash(LogRoot)
            .VarUInt((ulong)LogSize);

    internal static CheckpointStatement Read(ref CanonicalReader reader)
    {
        reader.Version("checkpoint statement", FormatVersion);
        return new CheckpointStatement(
            reader.Text(Transactions.TransactionLimits.MaxChainIdBytes, "chain id"),
            (long)reader.VarUInt(long.MaxValue, "height"),
            reader.Hash("header hash"),
            reader.Hash("state commitment"),
            reader.Hash("log root"),
            (long)reader.VarUInt(long.MaxValue, "log size"));
    }

    public override string ToString() => $"height {Height} header {HeaderHash} state {StateCommitment}";
}
