using Carechain.Cli.Tests.Support;

namespace Carechain.Cli.Tests;

/// <summary>`carechain bench records` runs end to end on a real dev node with a tiny load (figures are not judged here).</summary>
public sealed class RecordsBenchCommandTests
{
    [Fact]
    public async Task Bench_records_creates_singly_and_in_bundles_and_reads_over_fhir_and_reports_both_read_paths()
    {
        var result = await Harness.RunAsync(
            "bench", "records", "--warmup", "10", "--writes", "20", "--write-clients", "4", "--bundles", "3", "--bundle-entries", "5", "--bundle-clients", "2",
            "--reads", "20", "--read-clients", "4", "--json");
        result.AssertOk();
        var figures = result.Json();
        Assert.Equal(20, figures.GetProperty("writes").GetInt32());
        Assert.True(figures.GetProperty("writesPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("writeBlocks").GetInt64() >= 1);
        Assert.True(figures.GetProperty("writeCpuMs").GetDouble() > 0);
        var verify = (figures.GetProperty("verifyPerSecBefore").GetDouble() + figures.GetProperty("verifyPerSecAfter").GetDouble()) / 2;
        Assert.True(figures.GetProperty("verifyPerSecBefore").GetDouble() > 0 && figures.GetProperty("verifyPerSecAfter").GetDouble() > 0);
        var expected = figures.GetProperty("writesPerSec").GetDouble() / verify;
        Assert.InRange(figures.GetProperty("writesPerVerify").GetDouble(), expected * 0.99 - 0.00001, expected * 1.01 + 0.00001);
        Assert.Equal(10, figures.GetProperty("warmup").GetInt32());
        Assert.InRange(figures.GetProperty("warmupRounds").GetInt32(), 1, 5);
        Assert.Equal(3, figures.GetProperty("bundles").GetInt32());
        Assert.Equal(5, figures.GetProperty("bundleEntries").GetInt32());
        Assert.True(figures.GetProperty("bundleRecordsPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("bundleRecordCpuMs").GetDouble() > 0);
        Assert.True(figures.GetProperty("resourceBytes").GetInt32() > 100);
        Assert.True(figures.GetProperty("readsPerSec").GetDouble() > 0);
        // Every read is served only after its access event's block: 20 reads take 1 to 20 blocks.
        Assert.InRange(figures.GetProperty("readBlocks").GetInt64(), 1, 20);
        Assert.True(figures.GetProperty("baselineReadsPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("readRatio").GetDouble() > 0);
    }
}
