namespace Carechain.Cli.Bench;

/// <summary>
/// The consortium phases: full speed and paced at half of its peak, the process CPU per transaction
/// at full speed (every member, until all hold the same head), the blocks the full-speed phase made,
/// and the Raft election timeouts and elections of each phase (none of either while the leader holds; see <see cref="RaftElections"/>).
/// </summary>
internal sealed record ClusterFigures(
    IngestRun Saturated,
    IngestRun Paced,
    double SaturatedCpuMsPerTx,
    long SaturatedBlocks,
    (long Timeouts, long Elections) SaturatedRaft,
    (long Timeouts, long Elections) PacedRaft);
