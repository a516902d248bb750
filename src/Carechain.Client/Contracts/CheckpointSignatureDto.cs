namespace Carechain.Client.Contracts;

/// <summary>One node key's signature in a checkpoint certificate (both hex).</summary>
public sealed record CheckpointSignatureDto(string Signer, string Signature);
