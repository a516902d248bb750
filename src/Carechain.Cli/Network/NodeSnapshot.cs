using Carechain.Client.Contracts;

namespace Carechain.Cli.Network;

/// <summary>What one node answered: its role (leader, follower or down), its head when it answered, and its health status text.</summary>
internal sealed record NodeSnapshot(NetworkMember Member, string Role, BlockHeaderDto? Head, string Health);
