namespace Carechain.Cli.Bench;

/// <summary>
/// What one `carechain bench records` run does: uncounted warm-up calls, then FHIR creates one per
/// request, creates in transaction Bundles of <see cref="BundleEntries"/>, and reads of the created
/// records with and without the consent check and decryption.
/// </summary>
internal sealed record RecordsBenchSettings(int Warmup, int Writes, int WriteClients, int Bundles, int BundleEntries, int BundleClients, int Reads, int ReadClients);
