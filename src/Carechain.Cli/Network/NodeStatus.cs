namespace Carechain.Cli.Network;

/// <summary>
/// One row of <c>carechain network status --json</c>. Height, hashes and lag are null for a node that is
/// down. <see cref="LastCertifiedHeight"/> is the height of the newest checkpoint certificate the node
/// serves (a quorum of node signatures over that height), null while it holds none or is down.
/// </summary>
internal sealed record NodeStatus(
    string Id, string Url, string Role, long? Height, string? HeadHash, string? StateCommitment, long? Lag, long? LastCertifiedHeight);
