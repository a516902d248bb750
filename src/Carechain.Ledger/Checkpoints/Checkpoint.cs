using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Checkpoints;

/// <summary>
/// A node's signed statement of the chain at a height: the header hash and the transaction
/// log's root and size. A verifier holding one can check inclusion and consistency proofs
/// without trusting anything else the node says.
/// </summary>
public sealed record Checkpoint(
    string ChainId, long Height, Hash256 HeaderHash, Hash256 LogRoot, long LogSize, Ed25519PublicKey Signer, Ed25519Signature? Signature)
{
    public const byte FormatVersion = 1;

    public byte[] SignedBytes() =>
        new CanonicalWriter(160)
            .Byte(FormatVersion)
            .Text(ChainId)
            .VarUInt((ulong)Height)
            .Hash(HeaderHash)
            .Hash(LogRoot)
            .VarUInt((ulong)LogSize)
            .Key(Signer)
            .ToArray();

    public static Checkpoint Sign(string chainId, long height, Hash256 headerHash, Hash256 logRoot, long logSize, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var unsigned = new Checkpoint(chainId, height, headerHash, logRoot, logSize, key.PublicKey, null);
        return unsigned with { Signature = key.Sign(DomainTag.Checkpoint, unsigned.SignedBytes()) };
    }

    public bool HasValidSignature() => Signature is not null && Signer.Verify(DomainTag.Checkpoint, SignedBytes(), Signature);
}
