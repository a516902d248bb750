namespace Carechain.Cli.Bench;

/// <summary>What one `carechain bench supply` run does: commissioning batches of serials, then verifications.</summary>
internal sealed record SupplyBenchSettings(int Batches, int SerialsPerBatch, int Verifications);
