using System.Collections.Frozen;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Identity;
using Carechain.Node;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.Cli.Bench;

/// <summary>
/// Patient records on a real dev node (RocksDB ledger and vault, synced blocks, Kestrel on loopback),
/// through the FHIR API as a clinician's FHIR client uses it: creates per second (validate, encrypt,
/// vault write, anchor, commit) with their round-trip percentiles; then reads of the same resources
/// with the consent check, the access event and decryption, against a baseline that serves the same
/// resources' JSON bytes, pre-serialised, from the same HTTP stack behind the same bearer
/// authentication, so the ratio isolates what the consent check, access event and decryption cost.
/// </summary>
internal sealed class RecordsBench(RecordsBenchSettings settings, Action<string> report)
{
    private const string FhirJson = "application/fhir+json";
    private const string BaselinePath = "/bench/baseline/Observation/{id}";

    /// <summary>
    /// Warm-up rounds stop once one compiled at most this many methods (tier-ups included). On 2 cores
    /// a single round of 10,000 of each call still left the tiered-compilation thread taking about a
    /// quarter of the CPU for the first seconds of the measured creates, counted as their cost.
    /// </summary>
    private const int SettledCompilations = 200;

    private const int MaxWarmupRounds = 5;

    /// <summary>How long each raw-verification baseline beside the creates runs.</summary>
    private static readonly TimeSpan VerifyBaseline = TimeSpan.FromSeconds(1);

    public async Task<RecordsBenchResult> RunAsync(string folder, CancellationToken cancellationToken)
    {
        var app = NodeHost.Build(new NodeOptions { DataDirectory = folder, Urls = "http://127.0.0.1:0" }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        var baseline = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        FrozenDictionary<string, byte[]>? served = null;
        app.MapGet(BaselinePath, (string id) => served is not null && served.TryGetValue(id, out var body)
            ? Results.Bytes(body, FhirJson)
            : Results.NotFound()).RequireAuthorization();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(2) };
            var client = new CarechainClient(http);
            using var patient = SigningKey.Generate();
            using var clinician = SigningKey.Generate();
            await SetUpAsync(client, folder, patient, clinician, cancellationToken).ConfigureAwait(false);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await client.AuthenticateAsync(clinician, cancellationToken).ConfigureAwait(false)).Token);

            var runtime = app.Services.GetRequiredService<NodeRuntime>();
            var body = Encoding.UTF8.GetBytes(Observation(patient.PublicKey));
            async Task CreateAsync(int i)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson);
                using var response = await http.PostAsync("fhir/Observation", content, cancellationToken).ConfigureAwait(false);
                var created = await Expect(response, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
                // The id from the Location header ({base}/Observation/{id}/_history/1): the client need not parse the body.
                var id = response.Headers.Location!.Segments[^3].TrimEnd('/');
                lock (baseline)
                {
                    baseline[id] = created;
                }
            }

            var bundle = Encoding.UTF8.GetBytes(TransactionBundle(patient.PublicKey, settings.BundleEntries));
            async Task ImportAsync(int i)
            {
                using var content = new ByteArrayContent(bundle);
                content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson);
                // As `carechain fhir import` sends its Bundles: each entry answered with status and Location, without the resource.
                using var message = new HttpRequestMessage(HttpMethod.Post, "fhir") { Content = content };
                message.Headers.Add("Prefer", "return=minimal");
                using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
                await Expect(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
            }

            // A node serves for days: its code is JIT-optimised (tiered compilation) long before this
            // many requests, so the measured phases start after rounds of these, which are not counted,
            // once a round left the JIT (nearly) nothing more to compile.
            var warmupRounds = 0;
            while (settings.Warmup > 0 && warmupRounds < MaxWarmupRounds)
            {
                var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
                warmupRounds++;
                report($"warming up, round {warmupRounds}: {settings.Warmup:N0} creates, {Math.Max(1, settings.Warmup / settings.BundleEntries):N0} transaction Bundles, {settings.Warmup:N0} reads of each kind");
                await ClientLoad.RunAsync(settings.Warmup, settings.WriteClients, CreateAsync).ConfigureAwait(false);
                await ClientLoad.RunAsync(Math.Max(1, settings.Warmup / settings.BundleEntries), settings.BundleClients, ImportAsync).ConfigureAwait(false);
                var warm = baseline.ToFrozenDictionary(StringComparer.Ordinal);
                var warmIds = warm.Keys.ToArray();
                served = warm;
                await ClientLoad.RunAsync(settings.Warmup, settings.ReadClients, i => GetAsync($"bench/baseline/Observation/{warmIds[i % warmIds.Length]}")).ConfigureAwait(false);
                await ClientLoad.RunAsync(settings.Warmup, settings.ReadClients, i => GetAsync($"fhir/Observation/{warmIds[i % warmIds.Length]}")).ConfigureAwait(false);
                if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore <= SettledCompilations)
                {
                    break;
                }
            }

            baseline.Clear();
            report($"creating {settings.Writes:N0} Observations over FHIR ({settings.WriteClients} concurrent clients)");
            // The machine's own speed just before and just after the creates (a shared VM's varies by
            // half within an hour), so a run's create rate can be read against what the machine could do then.
            var verifyBefore = SignatureBaseline.Measure(VerifyBaseline);
            var heightBefore = runtime.Chain.Head.Height;
            var writes = await ClientLoad.RunAsync(settings.Writes, settings.WriteClients, CreateAsync).ConfigureAwait(false);
            var writeBlocks = runtime.Chain.Head.Height - heightBefore;
            var verifyAfter = SignatureBaseline.Measure(VerifyBaseline);

            report($"creating {settings.Bundles * settings.BundleEntries:N0} Observations in {settings.Bundles:N0} transaction Bundles of {settings.BundleEntries} ({settings.BundleClients} concurrent clients)");
            var bundles = await ClientLoad.RunAsync(settings.Bundles, settings.BundleClients, ImportAsync).ConfigureAwait(false);

            served = baseline.ToFrozenDictionary(StringComparer.Ordinal);
            var ids = served.Keys.Order(StringComparer.Ordinal).ToArray();
            report($"reading {settings.Reads:N0} times over HTTP, baseline first ({settings.ReadClients} concurrent clients)");
            var baseReads = await ClientLoad.RunAsync(settings.Reads, settings.ReadClients, i => GetAsync($"bench/baseline/Observation/{ids[i % ids.Length]}")).ConfigureAwait(false);
            heightBefore = runtime.Chain.Head.Height;
            var reads = await ClientLoad.RunAsync(settings.Reads, settings.ReadClients, i => GetAsync($"fhir/Observation/{ids[i % ids.Length]}")).ConfigureAwait(false);
            var readBlocks = runtime.Chain.Head.Height - heightBefore;

            return new RecordsBenchResult(
                Environment.ProcessorCount, settings.Warmup, warmupRounds, settings.Writes, settings.WriteClients, Math.Round(writes.Rate), Math.Round(writes.P50Ms, 2), Math.Round(writes.P99Ms, 2),
                Math.Round(writes.CpuMsPerCall, 3), writeBlocks, Math.Round(verifyBefore), Math.Round(verifyAfter), Math.Round(writes.Rate / ((verifyBefore + verifyAfter) / 2), 5),
                settings.Bundles, settings.BundleEntries, settings.BundleClients, Math.Round(bundles.Rate * settings.BundleEntries), Math.Round(bundles.P50Ms, 2), Math.Round(bundles.P99Ms, 2),
                Math.Round(bundles.CpuMsPerCall / settings.BundleEntries, 3),
                served[ids[0]].Length, settings.Reads, settings.ReadClients, Math.Round(reads.Rate), Math.Round(reads.P50Ms, 2), Math.Round(reads.P99Ms, 2), Math.Round(reads.CpuMsPerCall, 3), readBlocks,
                Math.Round(baseReads.Rate), Math.Round(baseReads.P50Ms, 3), Math.Round(baseReads.P99Ms, 3), Math.Round(baseReads.CpuMsPerCall, 3), Math.Round(reads.Rate / baseReads.Rate, 3));

            async Task GetAsync(string path)
            {
                using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
                await Expect(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<byte[]> Expect(HttpResponseMessage response, HttpStatusCode status, CancellationToken ct)
    {
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return response.StatusCode == status
            ? body
            : throw new InvalidOperationException(
                $"the bench expected HTTP {(int)status} from {response.RequestMessage?.RequestUri?.AbsolutePath} and got {(int)response.StatusCode}: {Diagnostics(body)}");
    }

    /// <summary>The OperationOutcome's diagnostics (codes and reasons, never resource content).</summary>
    private static string Diagnostics(byte[] body)
    {
        try
        {
            using var outcome = System.Text.Json.JsonDocument.Parse(body);
            return string.Join("; ", outcome.RootElement.GetProperty("issue").EnumerateArray()
                .Select(i => i.TryGetProperty("diagnostics", out var d) ? d.GetString() : i.GetProperty("code").GetString()));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "no OperationOutcome";
        }
    }

    private static async Task SetUpAsync(CarechainClient client, string folder, SigningKey patient, SigningKey clinician, CancellationToken ct)
    {
        var self = await TransactionSigner.ForNodeAsync(client, patient, ct).ConfigureAwait(false);
        await CommitAsync(self, await self.CreateRegisterAsync("Bench patient", IdentityRole.Patient, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        using var admin = SigningKey.FromSeed(Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(folder, "node.seed"), ct).ConfigureAwait(false)).Trim()));
        var governor = await TransactionSigner.ForNodeAsync(client, admin, ct).ConfigureAwait(false);
        var member = IdentityPayloads.EncodeAddMember(clinician.PublicKey, "Bench clinician", "clinician", OrganisationId.Parse("dev"));
        await CommitAsync(governor, await governor.CreateAsync(IdentityModule.ModuleName, IdentityPayloads.AddMember, member, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private static async Task CommitAsync(TransactionSigner signer, Ledger.Transactions.Transaction tx, CancellationToken ct)
    {
        var response = await signer.SubmitAsync(tx, waitForCommit: true, cancellationToken: ct).ConfigureAwait(false);
        if (response.Receipt?.Status != "success")
        {
            throw new InvalidOperationException($"bench set-up transaction {tx.Operation} failed: {response.Receipt?.ErrorCode}");
        }
    }

    /// <summary>A transaction Bundle of <paramref name="entries"/> creates of the bench's Observation, as <c>carechain fhir import</c> sends a patient's records.</summary>
    private static string TransactionBundle(Ed25519PublicKey patient, int entries)
    {
        var entry = $"{{\"resource\":{Observation(patient)},\"request\":{{\"method\":\"POST\",\"url\":\"Observation\"}}}}";
        return $"{{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{string.Join(',', Enumerable.Repeat(entry, entries))}]}}";
    }

    private static string Observation(Ed25519PublicKey patient) =>
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
        + $"\"subject\":{{\"reference\":\"Patient/{patient}\"}},\"effectiveDateTime\":\"2026-11-25T10:00:00Z\",\"valueQuantity\":{{\"value\":72,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}}";
}
