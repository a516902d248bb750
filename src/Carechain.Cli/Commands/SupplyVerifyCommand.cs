using System.CommandLine;
using Carechain.Client;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain supply verify BARCODE</c>: a recorded verification at the counter. Prints one line
/// (authentic, or suspect with every reason) or, with --json, <c>{"status","reasons","history","txId"}</c>.
/// Exits 0 when authentic and 1 when suspect, so a script can branch on it.
/// </summary>
internal static class SupplyVerifyCommand
{
    public static Command Create()
    {
        var barcode = new Argument<string>("barcode") { Description = "The scanned code: scanner string (]d2…, GS as <GS>), bracketed (01)…(21)…, or Digital Link" };
        var location = SupplySubmission.Location();
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var command = new Command("verify", "Verify a pack at the counter: authentic, or suspect with every reason, and its history") { barcode, location, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var code = SupplySubmission.ParseCode(context.Value(barcode)!, "barcode");
            if (code.Gtin is not { } gtin || !PackId.TryCreate(gtin, code.Serial, out var pack))
            {
                throw CliException.Usage("the barcode must carry a GTIN (01) and a serial (21)");
            }

            var request = new VerifyRequest(pack, code.Lot, code.Expiry, context.Value(location)!);
            var (transaction, _, client, connection, token) = await SupplySubmission.CommitAsync(
                context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) => signer.VerifyAsync(request, ct), signIn: true);
            using (connection)
            {
                var answer = await client.GetVerificationAsync(transaction.Id, token, context.CancellationToken);
                context.Emit(
                    new { status = answer.Status, reasons = answer.Reasons, history = answer.History, txId = answer.TxId },
                    ui =>
                    {
                        Display.Line(ui, answer.Reasons.Count == 0
                            ? $"{pack}: authentic"
                            : $"{pack}: SUSPECT ({string.Join(", ", answer.Reasons)})");
                        if (answer.History.Count == 0)
                        {
                            return;
                        }

                        Display.Table(ui, ["height", "event", "organisation", "to", "where", "why"], answer.History.Select(e =>
                            new[] { e.Height.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Kind, e.Organisation, e.Counterparty, e.Location, e.Reason }));
                    });
                return answer.Reasons.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
            }
        });
        return command;
    }
}
