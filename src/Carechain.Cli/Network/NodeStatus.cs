namespace Carechain.Cli.Network;

/// <summary>
/// One row of <c>carechain network status --json</c>. Height, hashes and lag are null for a node that is
/// down. <see cref="LastCertifiedHeight"/> is the height of the newest checkpoint certificate the node
/// serves; it stays null until nodes serve checkpoint certificates (a quorum of signed checkpoints).
/// </summary>
internal sealed record NodeStatus(
    string Id, string Url, string Role, long? Height, string? HeadHash, string? StateCommitment, long? Lag, long? LastCertifiedHeight);
