namespace Carechain.Cli.Network;

/// <summary>One node of a consortium folder: its id, the absolute path of its <c>node.json</c> and its API URL (ending in '/').</summary>
internal sealed record NetworkMember(string Id, string ConfigPath, Uri ApiUrl);
