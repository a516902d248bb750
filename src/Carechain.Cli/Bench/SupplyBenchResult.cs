namespace Carechain.Cli.Bench;

/// <summary>
/// The figures of one `carechain bench supply` run; the last line of its --json output. Batched
/// checks count scans per second; their percentiles are per request of <see cref="HttpBatchSize"/> scans.
/// </summary>
internal sealed record SupplyBenchResult(
    int Cores,
    double VerifyPerSec,
    long SerialsCommissioned,
    double CommissionSerialsPerSec,
    double CommissionToVerifyRatio,
    double InProcessVerificationsPerSec,
    double InProcessP99Ms,
    long HttpVerifications,
    double HttpVerificationsPerSec,
    double HttpRoundTripP50Ms,
    double HttpRoundTripP99Ms,
    double HttpChecksPerSec,
    double HttpCheckP50Ms,
    double HttpCheckP99Ms,
    int HttpBatchSize,
    double HttpBatchedChecksPerSec,
    double HttpBatchP50Ms,
    double HttpBatchP99Ms);
