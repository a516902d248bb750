namespace Carechain.Client.Contracts;

/// <summary>
/// A change of the node keys, as a certificate carries it: the certificate of the block that changed
/// them (signed by the keys before it; its own <c>nodeSetChanges</c> left out) and the node keys after
/// it, which that certificate names by hash.
/// </summary>
public sealed record NodeSetChangeDto(IReadOnlyList<string> NodeKeys, CheckpointCertificateDto Certificate);
