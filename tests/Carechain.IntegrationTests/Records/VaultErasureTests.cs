using System.Net;
using Carechain.Core.Hashing;
using Carechain.Modules.Records.Erasure;
using Carechain.Node.Vault;
using Carechain.Vault;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Records;

/// <summary>
/// Crypto-shredding on a real dev node: once the patient's erasure commits, the custodian's vault destroys
/// the keys and ciphertext of every version (not only refusing reads from the chain), nothing matches a
/// search, and a vault restored from a backup taken before the erasure is shredded again when the node starts.
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
