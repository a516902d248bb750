using System.CommandLine;
using Carechain.Ledger.Verification;
using Carechain.Modules;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain verify --data DIR</c>: check a whole node store offline, trusting nothing in it.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "The node's data folder (as given to `node run --data`) or its ledger store", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("verify", "Check a whole store offline: links, signatures, tx roots, log roots, re-executed state; names the first bad block") { data, json };
        CommandRunner.SetAction(command, json, context =>
        {
            var folder = Path.GetFullPath(context.Value(data)!);
            var store = Directory.Exists(Path.Combine(folder, "ledger")) ? Path.Combine(folder, "ledger") : folder;
            var verifier = new StoreVerifier(ChainModules.Create());
            VerificationReport report;
            if (context.IsInteractive)
            {
                report = null!;
                context.Ui.Progress().Start(progress =>
                {
                    var task = progress.AddTask("verifying blocks");
                    report = verifier.Verify(store, new Progress<VerificationProgress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.HeadHeight + 1);
                        task.Value = p.Height + 1;
                    }));
                });
            }
            else
            {
                report = verifier.Verify(store);
            }

            if (!report.Intact)
            {
                return Task.FromResult(context.Fail(ExitCodes.Failed, "damaged", report.OneLine()));
            }

            context.Emit(
                new { intact = true, blocksChecked = report.BlocksChecked, transactionsChecked = report.TransactionsChecked, store },
                ui => ui.WriteLine(report.OneLine()));
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
