namespace Carechain.Cli.Bench;

/// <summary>
/// The figures of one `carechain bench records` run; the last line of its --json output. Writes are
/// FHIR creates over HTTP answered only after their anchor committed; checked reads are FHIR reads
/// (consent decision, committed access event, decryption, anchor comparison); baseline reads serve
/// the same resources' JSON, pre-serialised, through the same HTTP stack and bearer authentication.
/// </summary>
internal sealed record RecordsBenchResult(
    int Cores,
    int Writes,
    int WriteClients,
    double WritesPerSec,
    double WriteP50Ms,
    double WriteP99Ms,
    long WriteBlocks,
    int ResourceBytes,
    int Reads,
    int ReadClients,
    double ReadsPerSec,
    double ReadP50Ms,
    double ReadP99Ms,
    double BaselineReadsPerSec,
    double BaselineP50Ms,
    double BaselineP99Ms,
    double ReadRatio);
