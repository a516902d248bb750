using System.Net;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Fhir;
using Carechain.IntegrationTests.Support;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Identity;
using Carechain.Testing;
using Carechain.Vault;
using Carechain.Vault.Records;

namespace Carechain.IntegrationTests.Faults;

public sealed class FhirCrashTests
{
    private const int Rounds = 3;

    [Fact]
    public async Task Node_killed_while_records_are_written_keeps_every_acknowledged_record_readable_and_matching_its_anchor()
    {
        using var dir = new TempDirectory();
        var data = dir.File("node");
        using var clinician = SigningKey.Generate();
        using var patient = SigningKey.Generate();
        var acknowledged = new List<string>();
        var random = new Random(1125);

        await using (var first = await NodeProcess.StartAsync(data))
        {
            await SetUpAsync(first.Client, data, clinician, patient);
            await first.StopAsync();
        }

        var anchors = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            await using (var node = await NodeProcess.StartAsync(data))
            {
                var token = (await node.Client.AuthenticateAsync(clinician)).Token;

                // One create before the load, so the kill lands among writes rather than during start-up work.
                using var warm = await FhirRequests.SendAsync(node.Http, HttpMethod.Post, "fhir/Observation", token, FhirRequests.Observation($"Patient/{patient.PublicKey}"));
                Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
                acknowledged.Add((await FhirRequests.JsonAsync(warm)).GetProperty("id").GetString()!);
                using var load = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 4).Select(_ => CreateUntilKilledAsync(node.Http, token, patient.PublicKey, acknowledged, load.Token)).ToArray();
                await Task.Delay(random.Next(200, 1500));
                node.Kill();
                await load.CancelAsync();
                await Task.WhenAll(writers);
            }

            await using (var restarted = await NodeProcess.StartAsync(data))
            {
                var token = (await restarted.Client.AuthenticateAsync(clinician)).Token;
                var anchored = await AnchoredAsync(restarted.Client, patient);
                lock (acknowledged)
                {
                    Assert.All(acknowledged, id => Assert.True(anchored.ContainsKey(id), $"round {round}: acknowledged Observation/{id} has no anchor"));
                }

                // Every record the chain anchored, acknowledged or not, is fully there: served, so its vault ciphertext matched the anchor.
                foreach (var id in anchored.Keys.Where(id => !anchors.ContainsKey(id)))
                {
                    using var read = await FhirRequests.SendAsync(restarted.Http, HttpMethod.Get, $"fhir/Observation/{id}", token);
                    Assert.True(read.StatusCode == HttpStatusCode.OK, $"round {round}: Observation/{id} is anchored but reads {read.StatusCode}");
                    anchors[id] = anchored[id];
                }

                await restarted.StopAsync();
            }
        }

        Assert.True(acknowledged.Count > Rounds, $"the load acknowledged only {acknowledged.Count} creates beyond the warm-up ones");
        await using var vault = await VaultStores.OpenAsync(VaultBackend.RocksDb, data, postgres: null);
        foreach (var (id, hash) in anchors)
        {
            var stored = await vault.GetAsync(RecordId.Parse(id), 1);
            Assert.Equal(hash, stored.Record!.CiphertextHash.ToString());
        }
    }

    private static async Task SetUpAsync(CarechainClient client, string data, SigningKey clinician, SigningKey patient)
    {
        using var admin = SigningKey.FromSeed(Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(data, "node.seed"))).Trim()));
        var adminSigner = await TransactionSigner.ForNodeAsync(client, admin);
        var added = await adminSigner.SubmitAsync(await adminSigner.CreateAsync(
            IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(clinician.PublicKey, "Member", "clinician", OrganisationId.Parse("dev"))));
        Assert.True(added.Receipt?.ErrorCode is null or "", added.Receipt?.ErrorCode);
        var patientSigner = await TransactionSigner.ForNodeAsync(client, patient);
        var registered = await patientSigner.SubmitAsync(await patientSigner.CreateRegisterAsync("Patient", IdentityRole.Patient));
        Assert.True(registered.Receipt?.ErrorCode is null or "", registered.Receipt?.ErrorCode);
    }

    /// <summary>Creates Observations one after another, recording the id of each the node answered 201 for.</summary>
    private static async Task CreateUntilKilledAsync(HttpClient http, string token, Ed25519PublicKey patient, List<string> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var created = await FhirRequests.SendAsync(http, HttpMethod.Post, "fhir/Observation", token, FhirRequests.Observation($"Patient/{patient}"));
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var id = (await FhirRequests.JsonAsync(created)).GetProperty("id").GetString()!;
                lock (acknowledged)
                {
                    acknowledged.Add(id);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
            {
                return;
            }
        }
    }

    /// <summary>The patient's anchored records (id → ciphertext hash), as the patient lists them.</summary>
    private static async Task<Dictionary<string, string>> AnchoredAsync(CarechainClient client, SigningKey patient)
    {
        var token = (await client.AuthenticateAsync(patient)).Token;
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            var page = await client.GetPatientRecordsAsync(patient.PublicKey, token, after);
            foreach (var record in page.Records.Where(r => r.ResourceType == "Observation"))
            {
                all[record.RecordId] = record.CiphertextHash;
            }

            after = page.Next;
        }
        while (after is not null);
        return all;
    }
}
