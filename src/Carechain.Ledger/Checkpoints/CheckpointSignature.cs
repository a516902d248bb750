using Carechain.Core.Crypto;

namespace Carechain.Ledger.Checkpoints;

/// <summary>One node key's signature within a <see cref="CheckpointCertificate"/>.</summary>
public readonly record struct CheckpointSignature(Ed25519PublicKey Signer, Ed25519Signature Signature);
