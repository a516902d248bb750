using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Ledger.Checkpoints;

/// <summary>One member node's signature over a <see cref="CheckpointStatement"/>: its vote towards a certificate.</summary>
public sealed record CheckpointAttestation(CheckpointStatement Statement, Ed25519PublicKey Signer, Ed25519Signature Signature)
{
    public static CheckpointAttestation Sign(CheckpointStatement statement, SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(key);
        return new CheckpointAttestation(statement, key.PublicKey, key.Sign(DomainTag.Checkpoint, statement.SignedBytes()));
    }

    public bool HasValidSignature() => Signer.Verify(DomainTag.Checkpoint, Statement.SignedBytes(), Signature);
}
