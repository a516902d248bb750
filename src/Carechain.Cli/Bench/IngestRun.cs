namespace Carechain.Cli.Bench;

/// <summary>One ingest phase: committed transactions per second and commit latency percentiles.</summary>
internal sealed record IngestRun(double Rate, double P50Ms, double P99Ms);
