using System.Net;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Records;
using Carechain.IntegrationTests.Support;
using Carechain.Modules.Records;
using Carechain.Vault;
using Carechain.Vault.Postgres;
using Carechain.Vault.Records;
using static Carechain.IntegrationTests.Fhir.FhirRequests;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>The FHIR API on a node whose vault is PostgreSQL (<c>--vault postgres</c>): the same answers, the rows in the database.</summary>
public sealed class FhirPostgresVaultTests
{
    [SkippableFact]
    public async Task Create_read_update_history_and_a_transaction_work_on_the_PostgreSQL_vault()
    {
        var connection = PostgresVault.ConnectionString();
        await using var world = await RecordsNode.StartAsync(VaultBackend.Postgres);
        var token = await world.TokenAsync(world.Clinician);
        const string PatientUrl = "urn:uuid:7d1f6a52-93c4-4a8e-b7e0-5c2d9b0e4f11";

        using var transaction = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir", token, Bundle(
            "transaction", (PatientUrl, "POST", "Patient", Patient(world.Patient.PublicKey)), (null, "POST", "Observation", Observation(PatientUrl))));
        var response = await AssertStatusAsync(transaction, HttpStatusCode.OK);
        var observation = response.GetProperty("entry")[1].GetProperty("response").GetProperty("location").GetString()!.Split('/')[1];

        using var created = await SendAsync(world.Node.Http, HttpMethod.Post, "fhir/Condition", token, Condition($"Patient/{world.Patient.PublicKey}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var updated = await SendAsync(world.Node.Http, HttpMethod.Put, $"fhir/Observation/{observation}", token,
            Observation($"Patient/{world.Patient.PublicKey}", observation, "final"));
        Assert.Equal("2", (await AssertStatusAsync(updated, HttpStatusCode.OK)).GetProperty("meta").GetProperty("versionId").GetString());

        using var read = await SendAsync(world.Node.Http, HttpMethod.Get, $"fhir/Observation/{observation}", token);
        var current = await AssertStatusAsync(read, HttpStatusCode.OK);
        Assert.Equal("final", current.GetProperty("status").GetString());
        Assert.Equal($"Patient/{world.Patient.PublicKey}", current.GetProperty("subject").GetProperty("reference").GetString());
        using var first = await SendAsync(world.Node.Http, HttpMethod.Get, $"fhir/Observation/{observation}/_history/1", token);
        Assert.Equal("preliminary", (await AssertStatusAsync(first, HttpStatusCode.OK)).GetProperty("status").GetString());
        using var history = await SendAsync(world.Node.Http, HttpMethod.Get, $"fhir/Observation/{observation}/_history", token);
        Assert.Equal(2, (await AssertStatusAsync(history, HttpStatusCode.OK)).GetProperty("total").GetInt32());

        // The versions are rows of the PostgreSQL vault, and what the chain anchored.
        var anchored = await world.Client.ReadRecordAsync(Hash256.Parse(observation), PurposeOfUse.Treatment, token);
        await using var store = await VaultStores.OpenAsync(VaultBackend.Postgres, world.Node.DataDirectory, new PostgresVaultOptions(connection));
        Assert.Equal(anchored.Record.CiphertextHash, (await store.GetAsync(RecordId.Parse(observation), 2)).Record!.CiphertextHash.ToString());
        Assert.False(Directory.Exists(Path.Combine(world.Node.DataDirectory, VaultStores.RocksFolderName)), "a PostgreSQL-vault node keeps no RocksDB vault");
    }
}
