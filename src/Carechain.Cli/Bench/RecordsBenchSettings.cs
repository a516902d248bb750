namespace Carechain.Cli.Bench;

/// <summary>What one `carechain bench records` run does: FHIR creates, then reads of those records with and without the consent check and decryption.</summary>
internal sealed record RecordsBenchSettings(int Writes, int WriteClients, int Reads, int ReadClients);
