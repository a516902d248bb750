namespace Carechain.Cli.Bench;

/// <summary>
/// The figures of one `carechain bench records` run; the last line of its --json output. Writes are
/// FHIR creates over HTTP answered only after their anchor committed; Bundle writes are transaction
/// Bundles of creates, all of a Bundle's anchors in one ledger transaction; checked reads are FHIR
/// reads (consent decision, committed access event, decryption, anchor comparison); baseline reads
/// serve the same resources' JSON, pre-serialised, through the same HTTP stack and bearer
/// authentication. CPU figures are the process's user + system milliseconds per create, per Bundle
/// record or per read: the node's and the in-process clients' together. The raw Ed25519
/// verifications per second on all cores just before and just after the creates are the machine's
/// speed at that moment; <see cref="WritesPerVerify"/> is the create rate over their mean.
/// </summary>
internal sealed record RecordsBenchResult(
    int Cores,
    int Warmup,
    int WarmupRounds,
    int Writes,
    int WriteClients,
    double WritesPerSec,
    double WriteP50Ms,
    double WriteP99Ms,
    double WriteCpuMs,
    long WriteBlocks,
    double VerifyPerSecBefore,
    double VerifyPerSecAfter,
    double WritesPerVerify,
    int Bundles,
    int BundleEntries,
    int BundleClients,
    double BundleRecordsPerSec,
    double BundleP50Ms,
    double BundleP99Ms,
    double BundleRecordCpuMs,
    int ResourceBytes,
    int Reads,
    int ReadClients,
    double ReadsPerSec,
    double ReadP50Ms,
    double ReadP99Ms,
    double ReadCpuMs,
    long ReadBlocks,
    double BaselineReadsPerSec,
    double BaselineP50Ms,
    double BaselineP99Ms,
    double BaselineCpuMs,
    double ReadRatio);
