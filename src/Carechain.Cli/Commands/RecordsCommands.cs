using System.CommandLine;
using Carechain.Modules.Records;
using Carechain.Modules.Records.BreakGlass;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain records break-glass PATIENT --reason TEXT --minutes N</c>: emergency access, logged and flagged for review.</summary>
internal static class RecordsCommands
{
    public static Command Create() => new("records", "Clinical access to patient records") { BreakGlass() };

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
}
