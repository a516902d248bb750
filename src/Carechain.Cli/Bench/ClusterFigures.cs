namespace Carechain.Cli.Bench;

/// <summary>The consortium phases: full speed and paced at half of its peak, and the height every member agreed on.</summary>
internal sealed record ClusterFigures(IngestRun Saturated, IngestRun Paced, long AgreedHeight);
