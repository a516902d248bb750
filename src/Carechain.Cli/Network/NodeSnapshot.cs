using Carechain.Client.Contracts;

namespace Carechain.Cli.Network;

/// <summary>
/// What one node answered: its role (leader, follower or down), its head when it answered, its health status text,
/// and the height of the newest checkpoint certificate it holds.
/// </summary>
internal sealed record NodeSnapshot(NetworkMember Member, string Role, BlockHeaderDto? Head, string Health, long? LastCertifiedHeight);
