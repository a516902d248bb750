using Carechain.Testing;
using Carechain.Vault.Records;
using Carechain.Vault.Rocks;
using Carechain.Vault.Storage;

namespace Carechain.Vault.Tests.Storage;

public sealed class VaultStoresTests
{
    [Theory]
    [InlineData("rocksdb", VaultBackend.RocksDb)]
    [InlineData("postgres", VaultBackend.Postgres)]
    public void Vault_option_values_parse(string text, VaultBackend expected)
    {
        Assert.True(VaultStores.TryParseBackend(text, out var backend));
        Assert.Equal(expected, backend);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RocksDB")]
    [InlineData("postgresql")]
    [InlineData("sqlite")]
    public void Other_vault_option_values_are_refused(string? text) => Assert.False(VaultStores.TryParseBackend(text, out _));

    [Fact]
    public async Task RocksDb_vault_lives_in_the_vault_folder_of_the_node_data()
    {
        using var data = new TempDirectory();
        await using (var store = await VaultStores.OpenAsync(VaultBackend.RocksDb, data.Path, postgres: null))
        {
            Assert.IsType<RocksVaultStore>(store);
            Assert.Equal(RecordState.NotFound, (await store.GetAsync(RecordId.Parse("x"), 1)).State);
        }

        Assert.True(File.Exists(Path.Combine(data.File(VaultStores.RocksFolderName), "CURRENT")));
    }

    [Fact]
    public async Task Postgres_vault_without_a_connection_string_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => VaultStores.OpenAsync(VaultBackend.Postgres, "unused", postgres: null));
        Assert.Contains(VaultStores.PostgresConnectionVariable, error.Message, StringComparison.Ordinal);
    }
}
