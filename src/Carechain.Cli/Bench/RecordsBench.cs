using System.Collections.Frozen;
using System.Diagnostics;
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

            report($"creating {settings.Writes:N0} Observations over FHIR ({settings.WriteClients} concurrent clients)");
            var runtime = app.Services.GetRequiredService<NodeRuntime>();
            var heightBefore = runtime.Chain.Head.Height;
            var body = Encoding.UTF8.GetBytes(Observation(patient.PublicKey));
            var (writeRate, writeP50, writeP99) = await RunClientsAsync(settings.Writes, settings.WriteClients, async i =>
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(FhirJson);
                using var response = await http.PostAsync("fhir/Observation", content, cancellationToken).ConfigureAwait(false);
                var created = await Expect(response, HttpStatusCode.Created, cancellationToken).ConfigureAwait(false);
                var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString()!;
                lock (baseline)
                {
                    baseline[id] = created;
                }
            }).ConfigureAwait(false);
            var writeBlocks = runtime.Chain.Head.Height - heightBefore;

            served = baseline.ToFrozenDictionary(StringComparer.Ordinal);
            var ids = served.Keys.Order(StringComparer.Ordinal).ToArray();
            report($"reading {settings.Reads:N0} times over HTTP, baseline first ({settings.ReadClients} concurrent clients)");
            var (baseRate, baseP50, baseP99) = await RunClientsAsync(settings.Reads, settings.ReadClients, async i =>
            {
                using var response = await http.GetAsync($"bench/baseline/Observation/{ids[i % ids.Length]}", cancellationToken).ConfigureAwait(false);
                await Expect(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var (readRate, readP50, readP99) = await RunClientsAsync(settings.Reads, settings.ReadClients, async i =>
            {
                using var response = await http.GetAsync($"fhir/Observation/{ids[i % ids.Length]}", cancellationToken).ConfigureAwait(false);
                await Expect(response, HttpStatusCode.OK, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);

            return new RecordsBenchResult(
                Environment.ProcessorCount, settings.Writes, settings.WriteClients, Math.Round(writeRate), Math.Round(writeP50, 2), Math.Round(writeP99, 2),
                writeBlocks, served[ids[0]].Length, settings.Reads, settings.ReadClients, Math.Round(readRate), Math.Round(readP50, 2), Math.Round(readP99, 2),
                Math.Round(baseRate), Math.Round(baseP50, 3), Math.Round(baseP99, 3), Math.Round(readRate / baseRate, 3));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="count"/> calls from <paramref name="clients"/> concurrent clients, each waiting for its answer before the next.</summary>
    private static async Task<(double Rate, double P50Ms, double P99Ms)> RunClientsAsync(int count, int clients, Func<int, Task> call)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(clients, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                await call(i).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }))).ConfigureAwait(false);
        var rate = count / clock.Elapsed.TotalSeconds;
        return (rate, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
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

    private static string Observation(Ed25519PublicKey patient) =>
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],"
        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}]},"
        + $"\"subject\":{{\"reference\":\"Patient/{patient}\"}},\"effectiveDateTime\":\"2026-11-25T10:00:00Z\",\"valueQuantity\":{{\"value\":72,\"unit\":\"/min\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"/min\"}}}}";
}
