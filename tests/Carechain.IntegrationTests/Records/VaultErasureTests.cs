using System.Net;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Support;
using Carechain.Modules.Records.Erasure;
using Carechain.Node.Vault;
using Carechain.Vault;
using Carechain.Vault.Postgres;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Records;

/// <summary>
/// Crypto-shredding on a real dev node: once the patient's erasure commits, the custodian's vault destroys
/// the keys and ciphertext of every version (not only refusing reads from the chain), nothing matches a
/// search, a vault restored from a backup taken before the erasure is shredded again when the node starts, and an
/// erasure the vault fails is tried again while the node runs.
/// </summary>
public sealed class VaultErasureTests
{
    [Fact]
    public async Task An_erasure_on_the_chain_destroys_every_version_in_the_custodians_vault()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var id = await CreateAsync(world, token, "Observation", Observation(key, "8867-4", "2024-05-01"));
        var updated = Observation(key, "8867-4", "2024-05-02").Replace("{\"resourceType\":\"Observation\",", $"{{\"resourceType\":\"Observation\",\"id\":\"{id}\",", StringComparison.Ordinal);
        using (var update = await SendAsync(world, HttpMethod.Put, $"fhir/Observation/{id}", token, new StringContent(updated, System.Text.Encoding.UTF8, FhirJson)))
        {
            await ExpectAsync(update, HttpStatusCode.OK);
        }

        var kept = await CreateAsync(world, token, "Observation", Observation(key, "8867-4", "2024-05-03"));
        var vault = world.Node.Services.GetRequiredService<NodeVault>().Records.Store;
        Assert.Equal(RecordState.Found, (await vault.GetAsync(RecordId.Parse(id), 2)).State);

        await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(Hash256.Parse(id)).Encode());
        await GoneAsync(vault, id);
        Assert.Equal(RecordState.Gone, (await vault.GetAsync(RecordId.Parse(id), 1)).State);
        Assert.Equal(RecordState.Found, (await vault.GetAsync(RecordId.Parse(kept), 1)).State);

        await GetAsync(world, $"fhir/Observation/{id}", token, HttpStatusCode.Gone);
        Assert.Equal([kept], Ids(await GetAsync(world, "fhir/Observation?code=8867-4", token)));
        Assert.Equal([kept], Ids(await GetAsync(world, $"fhir/Observation?patient=Patient/{key}&date=ge2024-05-01", token)));
    }

    [Fact]
    public async Task A_vault_restored_from_before_an_erasure_is_shredded_again_when_the_node_starts()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var id = await CreateAsync(world, token, "Observation", Observation(world.Patient.PublicKey, "8867-4", "2024-05-01"));
        var folder = Path.Combine(world.Node.DataDirectory, VaultStores.RocksFolderName);
        var backup = Path.Combine(world.Node.DataDirectory, "vault-backup");
        await world.Node.StopAsync();
        Copy(folder, backup);
        await world.RestartAsync();

        await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(Hash256.Parse(id)).Encode());
        await GoneAsync(world.Node.Services.GetRequiredService<NodeVault>().Records.Store, id);

        // The backup still holds the record; started on it, the node erases it again.
        await world.Node.StopAsync();
        Directory.Delete(folder, recursive: true);
        Copy(backup, folder);
        await using (var restored = await VaultStores.OpenAsync(VaultBackend.RocksDb, world.Node.DataDirectory, postgres: null))
        {
            Assert.Equal(RecordState.Found, (await restored.GetAsync(RecordId.Parse(id), 1)).State);
        }

        await world.RestartAsync();
        await GoneAsync(world.Node.Services.GetRequiredService<NodeVault>().Records.Store, id);
    }

    [SkippableFact]
    public async Task An_erasure_the_vault_fails_is_tried_again_until_it_is_carried_out()
    {
        var connection = PostgresVault.ConnectionString();
        await using var world = await RecordsNode.StartAsync(VaultBackend.Postgres);
        var token = await world.TokenAsync(world.Clinician);
        var id = await CreateAsync(world, token, "Observation", Observation(world.Patient.PublicKey, "8867-4", "2024-05-01"));
        var vault = world.Node.Services.GetRequiredService<NodeVault>().Records.Store;

        // A trigger refuses this record's tombstone (and only its), so each erasure of it fails and rolls back; a
        // sequence, which no rollback resets, counts the attempts.
        var schema = PostgresVaultOptions.DefaultSchema;
        var refuse = $"{schema}.refuse_{id[..16]}";
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await ExecuteAsync(db, $"CREATE SEQUENCE {refuse}_attempts");
        await ExecuteAsync(db, $"CREATE FUNCTION {refuse}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM nextval('{refuse}_attempts'); RAISE EXCEPTION 'refused by the test'; END $$");
        await ExecuteAsync(db, $"CREATE TRIGGER refuse_{id[..16]} BEFORE INSERT ON {schema}.tombstones FOR EACH ROW WHEN (NEW.record_id = '{id}') EXECUTE FUNCTION {refuse}()");
        try
        {
            await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(Hash256.Parse(id)).Encode());
            await GetAsync(world, $"fhir/Observation/{id}", token, HttpStatusCode.Gone);

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (await AttemptsAsync(db, $"{refuse}_attempts") < 2)
            {
                await Task.Delay(50, patience.Token);
            }

            Assert.Equal(RecordState.Found, (await vault.GetAsync(RecordId.Parse(id), 1)).State);
        }
        finally
        {
            await ExecuteAsync(db, $"DROP TRIGGER IF EXISTS refuse_{id[..16]} ON {schema}.tombstones");
            await ExecuteAsync(db, $"DROP FUNCTION IF EXISTS {refuse}()");
        }

        // The database accepts it again: the next attempt, without a restart, destroys the record.
        await GoneAsync(vault, id);
        Assert.True(await AttemptsAsync(db, $"{refuse}_attempts") >= 2);
        await ExecuteAsync(db, $"DROP SEQUENCE {refuse}_attempts");
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void Failed_erasures_wait_one_second_doubling_up_to_five_minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), VaultErasure.RetryDelay(failures));

    private static async Task ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How many times the refusing trigger ran: the sequence's value, 0 before its first use.</summary>
    private static async Task<long> AttemptsAsync(NpgsqlConnection db, string sequence)
    {
        await using var command = new NpgsqlCommand($"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {sequence}", db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Waits (bounded) until the vault answers the record's first version as erased.</summary>
    private static async Task GoneAsync(IVaultStore vault, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await vault.GetAsync(RecordId.Parse(id), 1)).State != RecordState.Gone)
        {
            await Task.Delay(20, patience.Token);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
