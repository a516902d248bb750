namespace Carechain.Cli.Bench;

/// <summary>Both ingest phases (saturating and paced at half of peak) and what was measured around them.</summary>
internal sealed record IngestFigures(IngestRun Saturated, IngestRun Paced, long Blocks, double StoreProofsPerSec, double WorkingSetMbAtHalf, double WorkingSetMbAtEnd);
