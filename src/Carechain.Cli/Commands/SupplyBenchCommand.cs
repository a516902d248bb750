using System.CommandLine;
using Carechain.Cli.Bench;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain bench supply</c>: commissioning rate, and verifications in-process and over HTTP, on a real dev node.</summary>
internal static class SupplyBenchCommand
{
    public static Command Create()
    {
        var batches = new Option<int>("--batches") { Description = "Commissioning transactions", DefaultValueFactory = _ => 20 };
        var perBatch = new Option<int>("--serials-per-batch") { Description = "Serials per commissioning transaction (one range)", DefaultValueFactory = _ => 100_000 };
        var verifications = new Option<int>("--verifications") { Description = "Verifications in-process and over HTTP", DefaultValueFactory = _ => 20_000 };
        var json = CommonOptions.Json();
        var command = new Command("supply", "Measure commissioning (serials/s into committed blocks) and pack verification in-process and over HTTP") { batches, perBatch, verifications, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var settings = new SupplyBenchSettings(context.Value(batches), context.Value(perBatch), context.Value(verifications));
            if (settings.Batches < 1 || settings.SerialsPerBatch is < 1 or > 10_000_000 || settings.Verifications < 1)
            {
                throw CliException.Usage("--batches >= 1, 1 <= --serials-per-batch <= 10000000, --verifications >= 1");
            }

            var result = await ScratchFolder.UseAsync(
                "bench-supply", folder => new SupplyBench(settings, line => context.Error.WriteLine("bench: " + line)).RunAsync(folder, context.CancellationToken));
            context.Emit(result, ui => ui.Write(Table(result)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Table Table(SupplyBenchResult r)
    {
        var table = new Table().AddColumn("measure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("raw Ed25519 verify, all cores", $"{r.VerifyPerSec:N0} /s");
        table.AddRow($"commissioning, {r.SerialsCommissioned:N0} serials", $"{r.CommissionSerialsPerSec:N0} serials/s");
        table.AddRow("ratio commissioning / verify", $"{r.CommissionToVerifyRatio:N3}");
        table.AddRow("verifications in-process (p99; CPU each)", $"{r.InProcessVerificationsPerSec:N0} /s ({r.InProcessP99Ms:N3} ms; {r.InProcessCpuUs:N1} µs)");
        table.AddRow("verifications in-process without the catalogue cache, as execution (CPU each)", $"{r.InProcessUncachedPerSec:N0} /s ({r.InProcessUncachedCpuUs:N1} µs)");
        table.AddRow($"recorded verifications over HTTP, {r.HttpVerifications:N0} (CPU each)", $"{r.HttpVerificationsPerSec:N0} /s ({r.HttpVerificationCpuUs:N1} µs)");
        table.AddRow("verify round trip p50 / p99 (commit + answer)", $"{r.HttpRoundTripP50Ms:N1} / {r.HttpRoundTripP99Ms:N1} ms");
        table.AddRow("read-only checks over HTTP (GET /supply/check; CPU each)", $"{r.HttpChecksPerSec:N0} /s ({r.HttpCheckCpuUs:N1} µs)");
        table.AddRow("check round trip p50 / p99", $"{r.HttpCheckP50Ms:N2} / {r.HttpCheckP99Ms:N2} ms");
        table.AddRow($"batched checks over HTTP, {r.HttpBatchSize} per request (CPU each)", $"{r.HttpBatchedChecksPerSec:N0} /s ({r.HttpBatchedCheckCpuUs:N1} µs)");
        table.AddRow("batch round trip p50 / p99", $"{r.HttpBatchP50Ms:N2} / {r.HttpBatchP99Ms:N2} ms");
        return table;
    }
}
