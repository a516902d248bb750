namespace Carechain.Client.Contracts;

/// <summary>A record as the chain knows it: ids and hashes, never its content.</summary>
public sealed record RecordAnchorDto(
    string RecordId, string Patient, string Custodian, string ResourceType, long Version, string CiphertextHash, long Height, long TimestampMs,
    bool Erased, long? ErasedHeight);
