namespace Carechain.Client.Contracts;

/// <summary>
/// How a node's checkpoint certification goes: it attests every <see cref="Interval"/> blocks (0 on a
/// dev node, which certifies nothing), the last height it signed and the last certified one, how many
/// peer attestations disagreed with its own, and the node keys and quorum it counts with.
/// </summary>
public sealed record CertificationStatusDto(
    int Interval, long? LastSignedHeight, long? LastCertifiedHeight, long Disagreements, int NodeKeys, int Quorum);
