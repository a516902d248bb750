using Carechain.Cli.Tests.Support;

namespace Carechain.Cli.Tests;

/// <summary>`carechain bench records` runs end to end on a real dev node with a tiny load (figures are not judged here).</summary>
public sealed class RecordsBenchCommandTests
{
    [Fact]
    public async Task Bench_records_creates_and_reads_over_fhir_and_reports_both_read_paths()
    {
        var result = await Harness.RunAsync("bench", "records", "--writes", "20", "--write-clients", "4", "--reads", "20", "--read-clients", "4", "--json");
        result.AssertOk();
        var figures = result.Json();
        Assert.Equal(20, figures.GetProperty("writes").GetInt32());
        Assert.True(figures.GetProperty("writesPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("writeBlocks").GetInt64() >= 1);
        Assert.True(figures.GetProperty("resourceBytes").GetInt32() > 100);
        Assert.True(figures.GetProperty("readsPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("baselineReadsPerSec").GetDouble() > 0);
        Assert.True(figures.GetProperty("readRatio").GetDouble() > 0);
    }
}
