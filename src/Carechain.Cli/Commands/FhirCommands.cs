using System.CommandLine;
using System.Globalization;
using Carechain.Cli.Fhir;
using Hl7.Fhir.Rest;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain fhir import BUNDLE.json --key KEYFILE --node URL [--patient HEXKEY] [--json]</c>: loads a
/// patient's FHIR Bundle (e.g. from Synthea) into the node's vault as records, in transaction Bundles,
/// signed in with the clinician's key. Prints counts, never resource content.
/// </summary>
internal static class FhirCommands
{
    public static Command Create() => new("fhir", "Work with the node's FHIR R4 API") { Import() };

    private static Command Import()
    {
        var file = new Argument<string>("bundle") { Description = "A FHIR R4 Bundle (collection or transaction) of one patient, as JSON" };
        var patient = new Option<string?>("--patient") { Description = "The patient's registered key (hex), when the Bundle's Patient has no urn:carechain:key identifier" };
        var signed = SignedCommand.Options();
        var command = new Command("import", "Import a patient's FHIR Bundle as records (you must be a clinical member of the node's organisation)") { file, patient };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var plan = await ImportPlan.LoadAsync(context.Value(file)!, context.Value(patient), context.CancellationToken);
            var token = await signed.TokenAsync(context);
            using var http = FhirHttp(context.NodeUrl!, token.Token);
            // The import needs each entry's status and Location, not the stored resources back: return=minimal spares both ends serialising them.
            var settings = new FhirClientSettings { PreferredFormat = ResourceFormat.Json, ReturnPreference = ReturnPreference.Minimal };
            var importer = new BundleImporter(new FhirClient(http.BaseAddress!, http, settings));
            ImportSummary summary;
            try
            {
                summary = await RunAsync(context, importer, plan);
            }
            catch (ImportFailure failure)
            {
                throw CliException.Failed("import_refused", $"{failure.Message}; {failure.Created} of {plan.Items.Count} resources were imported before it");
            }
            catch (HttpRequestException)
            {
                throw new CliException(ExitCodes.Unreachable, "unreachable", $"node at {context.NodeUrl} is unreachable");
            }

            if (summary.Failed > 0)
            {
                throw CliException.Failed(
                    "import_incomplete", $"{summary.Failed} resources failed FHIR validation and were not imported; {summary.Created} were, {summary.SkippedTotal} skipped");
            }

            context.Emit(
                new
                {
                    patient = summary.Patient, patientCreated = summary.PatientCreated, created = summary.Created, existing = summary.Existing, skipped = summary.Skipped,
                    failed = summary.Failed, referencesDropped = summary.ReferencesDropped,
                },
                ui =>
                {
                    Display.Fields(
                        ui, ("patient", summary.Patient), ("patient record", summary.PatientCreated ? "created" : "kept (it existed)"), ("created", summary.Created),
                        ("already there", summary.Existing), ("skipped", summary.SkippedTotal), ("failed", summary.Failed), ("references dropped", summary.ReferencesDropped));
                    if (summary.Skipped.Count > 0)
                    {
                        Display.Table(ui, ["skipped type", "count"], summary.Skipped.Select(s => new[] { s.Key, s.Value.ToString(CultureInfo.InvariantCulture) }));
                    }
                });
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<ImportSummary> RunAsync(CliContext context, BundleImporter importer, ImportPlan plan)
    {
        var total = plan.Items.Count + 1;
        if (!context.IsInteractive)
        {
            return await importer.ImportAsync(plan, null, context.CancellationToken);
        }

        return await context.Ui.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var task = progress.AddTask("importing resources", maxValue: total);
            return await importer.ImportAsync(plan, new Progress<int>(done => task.Increment(done)), context.CancellationToken);
        });
    }

    /// <summary>An HTTP client for the node's <c>/fhir</c> base carrying the bearer token.</summary>
    private static HttpClient FhirHttp(string node, string token)
    {
        var baseUri = new Uri(node.EndsWith('/') ? node : node + "/");
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }, disposeHandler: true)
        {
            BaseAddress = new Uri(baseUri, "fhir/"),
            Timeout = NodeConnection.CommitWait + TimeSpan.FromSeconds(30),
        };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
