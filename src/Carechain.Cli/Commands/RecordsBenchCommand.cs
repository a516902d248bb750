using System.CommandLine;
using Carechain.Cli.Bench;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain bench records</c>: FHIR record creates per second, and FHIR reads against a baseline of the same bytes, on a real dev node.</summary>
internal static class RecordsBenchCommand
{
    public static Command Create()
    {
        var writes = new Option<int>("--writes") { Description = "FHIR creates (create + encrypt + anchor + commit)", DefaultValueFactory = _ => 20_000 };
        var writeClients = new Option<int>("--write-clients") { Description = "Concurrent FHIR clients creating", DefaultValueFactory = _ => 256 };
        var reads = new Option<int>("--reads") { Description = "FHIR reads, and as many baseline reads", DefaultValueFactory = _ => 20_000 };
        var readClients = new Option<int>("--read-clients") { Description = "Concurrent FHIR clients reading", DefaultValueFactory = _ => 64 };
        var json = CommonOptions.Json();
        var command = new Command("records", "Measure FHIR record creates/s with p99 commit, and FHIR reads (consent check, access event, decryption) against serving the same bytes unchecked")
        {
            writes, writeClients, reads, readClients, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var settings = new RecordsBenchSettings(context.Value(writes), context.Value(writeClients), context.Value(reads), context.Value(readClients));
            if (settings.Writes < 1 || settings.WriteClients is < 1 or > 4_096 || settings.Reads < 1 || settings.ReadClients is < 1 or > 4_096)
            {
                throw CliException.Usage("--writes >= 1, --reads >= 1, 1 <= --write-clients, --read-clients <= 4096");
            }

            var result = await ScratchFolder.UseAsync(
                "bench-records", folder => new RecordsBench(settings, line => context.Error.WriteLine("bench: " + line)).RunAsync(folder, context.CancellationToken));
            context.Emit(result, ui => ui.Write(Table(result)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Table Table(RecordsBenchResult r)
    {
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow($"FHIR creates, {r.Writes:N0} by {r.WriteClients} clients", $"{r.WritesPerSec:N0} /s");
        table.AddRow("create round trip p50 / p99 (answered after commit)", $"{r.WriteP50Ms:N1} / {r.WriteP99Ms:N1} ms");
        table.AddRow("blocks for the creates (avg per block)", $"{r.WriteBlocks:N0} ({(double)r.Writes / Math.Max(1, r.WriteBlocks):N1})");
        table.AddRow($"FHIR reads, {r.Reads:N0} by {r.ReadClients} clients ({r.ResourceBytes:N0} B)", $"{r.ReadsPerSec:N0} /s");
        table.AddRow("read p50 / p99 (check + access event + decrypt)", $"{r.ReadP50Ms:N1} / {r.ReadP99Ms:N1} ms");
        table.AddRow("baseline reads of the same bytes", $"{r.BaselineReadsPerSec:N0} /s");
        table.AddRow("baseline p50 / p99", $"{r.BaselineP50Ms:N2} / {r.BaselineP99Ms:N2} ms");
        table.AddRow("ratio FHIR reads / baseline", $"{r.ReadRatio:N3}");
        return table;
    }
}
