using Carechain.Core.Crypto;

namespace Carechain.Vault.Records;

/// <summary>
/// What identifies one version of a record: its id, its version number (1, 2, ... with no gaps),
/// its resource type and the patient it belongs to. All four are bound into the version's
/// ciphertext and wrapped keys as associated data.
/// </summary>
public sealed record RecordVersionHeader
{
    public RecordVersionHeader(RecordId id, long version, ResourceType resourceType, Ed25519PublicKey patient)
    {
        if (id.Value is null)
        {
            throw new ArgumentException("The record id is missing.", nameof(id));
        }

        if (resourceType.Name is null)
        {
            throw new ArgumentException("The resource type is missing.", nameof(resourceType));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Id = id;
        Version = version;
        ResourceType = resourceType;
        Patient = patient;
    }

    public RecordId Id { get; }

    public long Version { get; }

    public ResourceType ResourceType { get; }

    /// <summary>The patient's Ed25519 key; their X25519 encryption key is derived from it.</summary>
    public Ed25519PublicKey Patient { get; }
}
