using System.CommandLine;
using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Core.Hashing;
using Carechain.Modules.Records;
using Carechain.Modules.Records.BreakGlass;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain records break-glass PATIENT --reason TEXT --minutes N</c>: emergency access, logged and
/// flagged for review; <c>records pending</c> and <c>records review</c>: an organisation's auditors work the review queue.
/// </summary>
internal static class RecordsCommands
{
    public static Command Create() => new("records", "Clinical access to patient records") { BreakGlass(), Review(), Pending() };

    private static Command BreakGlass()
    {
        var patient = new Argument<string>("patient") { Description = "The patient's public key (64 hex characters)" };
        var reason = new Option<string>("--reason")
        {
            Description = $"Why, in at most {BreakGlassReasons.MaxTextBytes} bytes. It stays on the chain for ever: never health data",
            Required = true,
        };
        var code = new Option<string>("--code") { Description = "Reason code", DefaultValueFactory = _ => BreakGlassReasons.UrgentTreatment };
        code.AcceptOnlyFromAmong([.. BreakGlassReasons.Codes.Order(StringComparer.Ordinal)]);
        var minutes = new Option<int>("--minutes") { Description = $"How long access stays open, 1 to {BreakGlassReasons.MaxMinutes}", Required = true };
        var signed = SignedCommand.Options();
        var command = new Command("break-glass", "Open time-limited emergency access to all of a patient's records (emergency role only)")
        {
            patient, reason, code, minutes,
        };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var request = new BreakGlassRequest(
                InputParsing.PublicKey(context.Value(patient), "patient"), context.Value(code)!, context.Value(reason)!, context.Value(minutes));
            if (request.Validate() is { } problem)
            {
                throw CliException.Usage(problem == RecordsErrors.InvalidDuration
                    ? $"--minutes is 1 to {BreakGlassReasons.MaxMinutes}"
                    : $"--reason must be 1 to {BreakGlassReasons.MaxTextBytes} bytes without control characters or surrounding spaces");
            }

            var (tx, height) = await signed.CommitAsync(context, (signer, ct) =>
                signer.CreateAsync(RecordsModule.ModuleName, BreakGlassRequest.Operation, request.Encode(), ct));
            context.Emit(
                new { breakGlassId = tx.Id.ToString(), height, patient = request.Patient.ToString(), minutes = request.Minutes, flaggedForReview = true },
                ui => Display.Fields(ui, ("break-glass", tx.Id), ("height", height), ("patient", request.Patient), ("minutes", request.Minutes), ("review", "flagged")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Review()
    {
        var id = new Argument<string>("break-glass") { Description = "The break-glass id" };
        var outcome = new Option<string>("--outcome") { Description = "The review's outcome", Required = true };
        outcome.AcceptOnlyFromAmong(BreakGlassReview.Justified, BreakGlassReview.Unjustified);
        var signed = SignedCommand.Options();
        var command = new Command("review", "Record the review of a break-glass (an auditor or admin of its organisation)") { id, outcome };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var glass = Hash256.TryParse(context.Value(id), out var parsed) ? parsed : throw CliException.Usage("a break-glass id is 64 hexadecimal characters");
            var request = new ReviewRequest(glass, context.Value(outcome)!);
            var (tx, height) = await signed.CommitAsync(context, (signer, ct) =>
                signer.CreateAsync(RecordsModule.ModuleName, ReviewRequest.Operation, request.Encode(), ct));
            context.Emit(new { breakGlassId = glass.ToString(), outcome = request.Outcome, txId = tx.Id.ToString(), height },
                ui => Display.Fields(ui, ("break-glass", glass), ("outcome", request.Outcome), ("txId", tx.Id), ("height", height)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Pending()
    {
        var organisation = new Option<string>("--organisation") { Description = "The organisation whose queue to list (yours)", Required = true };
        var signed = SignedCommand.Options();
        var command = new Command("pending", "List an organisation's break-glasses awaiting review") { organisation };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var org = context.Value(organisation)!;
            var pending = await signed.ReadAsync(context, async (client, _, token, ct) =>
            {
                var all = new List<BreakGlassDto>();
                string? after = null;
                do
                {
                    var page = await client.GetPendingReviewsAsync(org, token, after, ct);
                    all.AddRange(page.BreakGlass);
                    after = page.Next;
                }
                while (after is not null);
                return all;
            });
            context.Emit(new { breakGlass = pending }, ui => Display.Table(ui, ["break-glass", "patient", "by", "reason", "from", "until"], pending.Select(g => new[]
            {
                g.Id, g.Patient, g.Requester, $"{g.ReasonCode}: {g.ReasonText}",
                DateTimeOffset.FromUnixTimeMilliseconds(g.StartMs).ToString("u", CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(g.EndMs).ToString("u", CultureInfo.InvariantCulture),
            })));
            return ExitCodes.Ok;
        });
        return command;
    }
}
