namespace Carechain.Cli.Bench;

/// <summary>
/// The consortium phases: full speed and paced at half of its peak, the process CPU per transaction
/// at full speed (every member, until all hold the same head), and the blocks the full-speed phase made.
/// </summary>
internal sealed record ClusterFigures(IngestRun Saturated, IngestRun Paced, double SaturatedCpuMsPerTx, long SaturatedBlocks);
