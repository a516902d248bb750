namespace Carechain.Cli.Bench;

/// <summary>
/// The figures of one `carechain bench supply` run; the last line of its --json output. Batched
/// checks count scans per second; their percentiles are per request of <see cref="HttpBatchSize"/> scans.
/// The <c>CpuUs</c> figures are the process's CPU microseconds per verification in that phase (the
/// bench's clients run in the node's process, so over HTTP they include the client's share).
/// </summary>
internal sealed record SupplyBenchResult(
    int Cores,
    double VerifyPerSec,
    long SerialsCommissioned,
    double CommissionSerialsPerSec,
    double CommissionToVerifyRatio,
    double InProcessVerificationsPerSec,
    double InProcessP99Ms,
    double InProcessCpuUs,
    double InProcessUncachedPerSec,
    double InProcessUncachedCpuUs,
    long HttpVerifications,
    double HttpVerificationsPerSec,
    double HttpVerificationCpuUs,
    double HttpRoundTripP50Ms,
    double HttpRoundTripP99Ms,
    double HttpChecksPerSec,
    double HttpCheckP50Ms,
    double HttpCheckP99Ms,
    double HttpCheckCpuUs,
    int HttpBatchSize,
    double HttpBatchedChecksPerSec,
    double HttpBatchP50Ms,
    double HttpBatchP99Ms,
    double HttpBatchedCheckCpuUs);
