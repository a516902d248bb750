using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Blocks;

/// <summary>
/// A signed block header. It commits to its parent (<see cref="PreviousHash"/>), to the block's
/// transactions (<see cref="TxRoot"/>), to the whole transaction log after the block
/// (<see cref="LogRoot"/>, <see cref="LogSize"/>) and to the state after execution
/// (<see cref="StateCommitment"/>). <see cref="Hash"/> covers every field and the signature.
/// </summary>
public sealed record BlockHeader
{
    public const byte FormatVersion = 1;

    public required long Height { get; init; }

    public required Hash256 PreviousHash { get; init; }

    /// <summary>Milliseconds since the Unix epoch; never less than the parent's.</summary>
    public required long TimestampMs { get; init; }

    public required int TxCount { get; init; }

    public required Hash256 TxRoot { get; init; }

    public required Hash256 LogRoot { get; init; }

    public required long LogSize { get; init; }

    public required Hash256 StateCommitment { get; init; }

    public required Ed25519PublicKey Producer { get; init; }

    public Ed25519Signature? Signature { get; init; }

    public Hash256 Hash => DomainHash.Of(DomainTag.BlockHeader, Encode());

    /// <summary>The bytes the producer signs: every field but the signature.</summary>
    public byte[] UnsignedBytes()
    {
        var writer = new CanonicalWriter(200);
        WriteUnsigned(writer);
        return writer.ToArray();
    }

    public BlockHeader SignWith(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return this with { Producer = key.PublicKey, Signature = null } is var unsigned
            ? unsigned with { Signature = key.Sign(DomainTag.BlockHeader, unsigned.UnsignedBytes()) }
            : throw new InvalidOperationException();
    }

    public bool HasValidSignature() =>
        Signature is not null && Producer.Verify(DomainTag.BlockHeader, UnsignedBytes(), Signature);

    public byte[] Encode()
    {
        if (Signature is null)
        {
            throw new InvalidOperationException("An unsigned header has no canonical encoding.");
        }

        var writer = new CanonicalWriter(264);
        WriteUnsigned(writer);
        writer.Signature(Signature);
        return writer.ToArray();
    }

    public static BlockHeader Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var header = Read(ref reader);
        reader.End("block header");
        return header;
    }

    internal static BlockHeader Read(ref CanonicalReader reader)
    {
        reader.Version("block header", FormatVersion);
        return new BlockHeader
        {
            Height = (long)reader.VarUInt(long.MaxValue, "height"),
            PreviousHash = reader.Hash("previous hash"),
            TimestampMs = (long)reader.VarUInt(long.MaxValue, "timestamp"),
            TxCount = (int)reader.VarUInt(BlockLimits.MaxTransactions, "transaction count"),
            TxRoot = reader.Hash("tx root"),
            LogRoot = reader.Hash("log root"),
            LogSize = (long)reader.VarUInt(long.MaxValue, "log size"),
            StateCommitment = reader.Hash("state commitment"),
            Producer = reader.Key("producer"),
            Signature = reader.Signature("signature"),
        };
    }

    private void WriteUnsigned(CanonicalWriter writer) =>
        writer.Byte(FormatVersion)
            .VarUInt((ulong)Height)
            .Hash(PreviousHash)
            .VarUInt((ulong)TimestampMs)
            .VarUInt((ulong)TxCount)
            .Hash(TxRoot)
            .Hash(LogRoot)
            .VarUInt((ulong)LogSize)
            .Hash(StateCommitment)
            .Key(Producer);
}
