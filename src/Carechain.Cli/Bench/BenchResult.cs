namespace Carechain.Cli.Bench;

/// <summary>The figures of one bench run; serialised as the last line of `carechain bench --json`.</summary>
internal sealed record BenchResult(
    int Cores,
    double VerifyPerSec,
    double IngestTxPerSec,
    double Ratio,
    long Transactions,
    long Blocks,
    double AverageBlockTransactions,
    double LatencyLoadTxPerSec,
    double CommitP50Ms,
    double CommitP99Ms,
    double SaturatedCommitP50Ms,
    double SaturatedCommitP99Ms,
    double ProofsPerSec,
    long ProofLogLeaves,
    double StoreProofsPerSec,
    double WorkingSetMbAtHalf,
    double WorkingSetMbAtEnd,
    int ClusterMembers,
    double ClusterTxPerSec,
    double ClusterRatioToSingleNode,
    double ClusterLatencyLoadTxPerSec,
    double ClusterCommitP50Ms,
    double ClusterCommitP99Ms,
    double ClusterSaturatedCommitP50Ms,
    double ClusterSaturatedCommitP99Ms);
