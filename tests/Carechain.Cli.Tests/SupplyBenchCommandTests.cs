using Carechain.Cli.Tests.Support;

namespace Carechain.Cli.Tests;

/// <summary>`carechain bench supply` at a tiny size: every phase runs against a real node and reports its figure (speed itself is never asserted).</summary>
public sealed class SupplyBenchCommandTests
{
    [Fact]
    public async Task A_tiny_supply_bench_reports_every_figure()
    {
        var result = await Harness.RunAsync("bench", "supply", "--batches", "2", "--serials-per-batch", "50", "--verifications", "300", "--json");

        result.AssertOk();
        var figures = result.Json();
        Assert.Equal(100, figures.GetProperty("serialsCommissioned").GetInt64());
        foreach (var name in new[] { "commissionSerialsPerSec", "inProcessVerificationsPerSec", "httpVerificationsPerSec", "httpChecksPerSec", "httpBatchedChecksPerSec" })
        {
            Assert.True(figures.GetProperty(name).GetDouble() > 0, name);
        }

        Assert.Equal(100, figures.GetProperty("httpBatchSize").GetInt32());
    }
}
