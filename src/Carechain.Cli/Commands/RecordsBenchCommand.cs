using System.CommandLine;
using Carechain.Cli.Bench;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain bench records</c>: FHIR record creates per second, and FHIR reads against a baseline of the same bytes, on a real dev node.</summary>
internal static class RecordsBenchCommand
{
    public static Command Create()
    {
        var warmup = new Option<int>("--warmup") { Description = "Uncounted creates and reads of each kind per warm-up round (and a Bundle per --bundle-entries of them); rounds repeat (at most 5) until one leaves the JIT almost nothing to compile, so the measured node runs JIT-optimised code", DefaultValueFactory = _ => 10_000 };
        var writes = new Option<int>("--writes") { Description = "FHIR creates (create + encrypt + anchor + commit)", DefaultValueFactory = _ => 20_000 };
        var writeClients = new Option<int>("--write-clients") { Description = "Concurrent FHIR clients creating", DefaultValueFactory = _ => 256 };
        var bundles = new Option<int>("--bundles") { Description = "Transaction Bundles of creates (the import path)", DefaultValueFactory = _ => 200 };
        var bundleEntries = new Option<int>("--bundle-entries") { Description = $"Creates per transaction Bundle (at most {Modules.Records.Anchors.AnchorBatchOnBehalfRequest.MaxAnchors})", DefaultValueFactory = _ => 100 };
        var bundleClients = new Option<int>("--bundle-clients") { Description = "Concurrent FHIR clients sending Bundles", DefaultValueFactory = _ => 8 };
        var reads = new Option<int>("--reads") { Description = "FHIR reads, and as many baseline reads", DefaultValueFactory = _ => 20_000 };
        var readClients = new Option<int>("--read-clients") { Description = "Concurrent FHIR clients reading (as many as create, by default: a checked read waits for its access event's block, so reads batch only when many wait at once)", DefaultValueFactory = _ => 256 };
        var json = CommonOptions.Json();
        var command = new Command("records", "Measure FHIR record creates/s with p99 commit, and FHIR reads (consent check, access event, decryption) against serving the same bytes unchecked")
        {
            warmup, writes, writeClients, bundles, bundleEntries, bundleClients, reads, readClients, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var settings = new RecordsBenchSettings(
                context.Value(warmup), context.Value(writes), context.Value(writeClients), context.Value(bundles), context.Value(bundleEntries), context.Value(bundleClients),
                context.Value(reads), context.Value(readClients));
            if (settings.Warmup < 0 || settings.Writes < 1 || settings.Bundles < 1 || settings.Reads < 1
                || settings.WriteClients is < 1 or > 4_096 || settings.BundleClients is < 1 or > 4_096 || settings.ReadClients is < 1 or > 4_096)
            {
                throw CliException.Usage("--warmup >= 0, --writes, --bundles and --reads >= 1, 1 <= --write-clients, --bundle-clients, --read-clients <= 4096");
            }

            if (settings.BundleEntries is < 1 or > Modules.Records.Anchors.AnchorBatchOnBehalfRequest.MaxAnchors)
            {
                throw CliException.Usage($"--bundle-entries is 1 to {Modules.Records.Anchors.AnchorBatchOnBehalfRequest.MaxAnchors}");
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
        table.AddRow($"warm-up rounds of {r.Warmup:N0} (until the JIT settled)", $"{r.WarmupRounds}");
        table.AddRow($"FHIR creates, {r.Writes:N0} by {r.WriteClients} clients", $"{r.WritesPerSec:N0} /s");
        table.AddRow("create round trip p50 / p99 (answered after commit)", $"{r.WriteP50Ms:N1} / {r.WriteP99Ms:N1} ms");
        table.AddRow("CPU per create (node and clients)", $"{r.WriteCpuMs:N3} ms");
        table.AddRow("blocks for the creates (avg per block)", $"{r.WriteBlocks:N0} ({(double)r.Writes / Math.Max(1, r.WriteBlocks):N1})");
        table.AddRow("raw Ed25519 verify, all cores, before / after the creates", $"{r.VerifyPerSecBefore:N0} / {r.VerifyPerSecAfter:N0} /s");
        table.AddRow("ratio creates / raw verify", $"{r.WritesPerVerify:0.0000}");
        table.AddRow($"creates in transaction Bundles, {r.Bundles:N0} of {r.BundleEntries} by {r.BundleClients} clients", $"{r.BundleRecordsPerSec:N0} /s");
        table.AddRow("Bundle round trip p50 / p99 (answered after commit)", $"{r.BundleP50Ms:N1} / {r.BundleP99Ms:N1} ms");
        table.AddRow("CPU per Bundle record", $"{r.BundleRecordCpuMs:N3} ms");
        table.AddRow($"FHIR reads, {r.Reads:N0} by {r.ReadClients} clients ({r.ResourceBytes:N0} B)", $"{r.ReadsPerSec:N0} /s");
        table.AddRow("read p50 / p99 (check + access event + decrypt)", $"{r.ReadP50Ms:N1} / {r.ReadP99Ms:N1} ms");
        table.AddRow("CPU per read / per baseline read", $"{r.ReadCpuMs:N3} / {r.BaselineCpuMs:N3} ms");
        table.AddRow("blocks for the reads' access events (avg reads per block)", $"{r.ReadBlocks:N0} ({(double)r.Reads / Math.Max(1, r.ReadBlocks):N1})");
        table.AddRow("baseline reads of the same bytes", $"{r.BaselineReadsPerSec:N0} /s");
        table.AddRow("baseline p50 / p99", $"{r.BaselineP50Ms:N2} / {r.BaselineP99Ms:N2} ms");
        table.AddRow("ratio FHIR reads / baseline", $"{r.ReadRatio:N3}");
        return table;
    }
}
