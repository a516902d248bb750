namespace Carechain.Cli.Bench;

/// <summary>What one <see cref="ClientLoad"/> phase measured: calls per second, round-trip p50 and p99, and process CPU milliseconds per call.</summary>
internal sealed record LoadFigures(double Rate, double P50Ms, double P99Ms, double CpuMsPerCall);
