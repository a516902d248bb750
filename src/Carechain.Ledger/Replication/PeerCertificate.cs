using Carechain.Ledger.Checkpoints;

namespace Carechain.Ledger.Replication;

/// <summary>
/// A peer's latest checkpoint certificate as it serves it, with the certified node-set changes up to
/// its height (decision 0014), so it can be checked from the genesis node keys even after governance
/// changed them. Nothing of it is trusted before <see cref="CertificateChain.Verify"/> holds.
/// </summary>
public sealed record PeerCertificate(CheckpointCertificate Certificate, IReadOnlyList<NodeSetChange> NodeSetChanges);
