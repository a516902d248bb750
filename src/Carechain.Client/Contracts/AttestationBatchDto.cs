namespace Carechain.Client.Contracts;

/// <summary>
/// Attestations one member sends another (<c>POST /api/v1/checkpoints/attestations</c>), and the
/// receiver's own attestations for the same heights in the answer.
/// </summary>
public sealed record AttestationBatchDto(IReadOnlyList<CheckpointAttestationDto> Attestations)
{
    /// <summary>A node refuses larger batches.</summary>
    public const int MaxAttestations = 256;
}
