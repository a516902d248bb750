using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Core.Merkle;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;

namespace Carechain.Ledger.Genesis;

/// <summary>
/// What a chain is, fixed at its birth: its id, when it began, and the keys allowed to produce
/// blocks. Its canonical bytes seed the genesis state commitment, so two chains with different
/// genesis documents can never share a block.
/// </summary>
public sealed record GenesisDocument(string ChainId, long TimestampMs, IReadOnlyList<Ed25519PublicKey> Producers)
{
    public const byte FormatVersion = 1;

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(128);
        writer.Byte(FormatVersion).Text(ChainId).VarUInt((ulong)TimestampMs).VarUInt((ulong)Producers.Count);
        foreach (var producer in Producers)
        {
            writer.Key(producer);
        }

        return writer.ToArray();
    }

    public static GenesisDocument Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        reader.Version("genesis document", FormatVersion);
        var chainId = reader.Text(Transactions.TransactionLimits.MaxChainIdBytes, "chain id");
        var timestamp = (long)reader.VarUInt(long.MaxValue, "timestamp");
        var producers = new Ed25519PublicKey[reader.Length(1024, "producer list")];
        for (var i = 0; i < producers.Length; i++)
        {
            producers[i] = reader.Key("producer");
        }

        reader.End("genesis document");
        return new GenesisDocument(chainId, timestamp, producers);
    }

    /// <summary>The height-0 header: no transactions, an empty log, the genesis commitment.</summary>
    public BlockHeader UnsignedGenesisHeader(Ed25519PublicKey producer) => new()
    {
        Height = 0,
        PreviousHash = Hash256.Zero,
        TimestampMs = TimestampMs,
        TxCount = 0,
        TxRoot = MerkleHash.EmptyRoot,
        LogRoot = MerkleHash.EmptyRoot,
        LogSize = 0,
        StateCommitment = StateCommitment.Genesis(Encode()),
        Producer = producer,
    };
}
