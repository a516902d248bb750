using Carechain.Core.Hashing;
using Carechain.Vault.Records;

namespace Carechain.Vault.Storage;

/// <summary>What may be said about a stored version without its keys: number, type and anchored hash.</summary>
public sealed record VersionSummary(long Version, ResourceType ResourceType, Hash256 CiphertextHash);
