namespace Carechain.Cli.Bench;

/// <summary>What one `carechain bench` run measures and for how long.</summary>
internal sealed record BenchSettings(int Transactions, int Authors, TimeSpan VerifyDuration, TimeSpan LatencyDuration, int ProofLeaves, int BatchSize, int ClusterMembers, int ClusterTransactions);
