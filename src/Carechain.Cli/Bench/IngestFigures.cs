namespace Carechain.Cli.Bench;

/// <summary>Both ingest phases (saturating and paced at half of peak), the process CPU per transaction at full speed, and what was measured around them.</summary>
internal sealed record IngestFigures(
    IngestRun Saturated, IngestRun Paced, double SaturatedCpuMsPerTx, long Blocks, double StoreProofsPerSec, double WorkingSetMbAtHalf, double WorkingSetMbAtEnd);
