using Carechain.Vault.Postgres;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using Npgsql;

namespace Carechain.Vault.Tests.Storage;

/// <summary>
/// The contract against a real PostgreSQL (scripts/postgres.sh starts one and prints its connection
/// string; scripts/test.sh exports it as CARECHAIN_VAULT_POSTGRES). Each test gets a schema of its own,
/// dropped afterwards. Without the variable the tests skip locally but fail in CI (CI=true), so a
/// broken install step can never pass as green.
/// </summary>
public sealed class PostgresVaultStoreTests : VaultStoreContract
{
    private readonly string _schema = "vault_test_" + Guid.NewGuid().ToString("N")[..16];
    private string? _connectionString;

    protected override async Task<IVaultStore> OpenStoreAsync()
    {
        _connectionString ??= PostgresTestDatabase.ConnectionString();
        return await PostgresVaultStore.OpenAsync(new PostgresVaultOptions(_connectionString, _schema));
    }

    protected override async Task WriteRawEnvelopeAsync(RecordId id, long version, byte[] envelope)
    {
        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {_schema}.record_versions (record_id, version, resource_type, ciphertext_hash, envelope)
            VALUES ($1, $2, 'Observation', $3, $4)
            ON CONFLICT (record_id, version) DO UPDATE SET envelope = excluded.envelope
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = new byte[32] });
        command.Parameters.Add(new NpgsqlParameter { Value = envelope });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Searches every row of every vault table, as bytes.</summary>
    protected override async Task<bool> RawStorageContainsAsync(byte[] needle)
    {
        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT EXISTS (SELECT 1 FROM {_schema}.record_versions WHERE position($1 IN envelope) > 0 OR position($1 IN ciphertext_hash) > 0)
                OR EXISTS (SELECT 1 FROM {_schema}.tombstones WHERE position($1 IN tombstone) > 0)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = needle });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    protected override async Task DisposeBackendAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    [SkippableFact]
    public async Task Opening_twice_at_once_migrates_the_schema_once()
    {
        _connectionString ??= PostgresTestDatabase.ConnectionString();
        var options = new PostgresVaultOptions(_connectionString, _schema);
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresVaultStore.OpenAsync(options)));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        await using var connection = await OpenRawAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.schema_version", connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public void Schema_names_that_are_not_plain_identifiers_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new PostgresVaultOptions("Host=localhost", "vault; DROP TABLE x"));
        Assert.Throws<ArgumentException>(() => new PostgresVaultOptions("Host=localhost", "Vault"));
        Assert.Throws<ArgumentException>(() => new PostgresVaultOptions("Host=localhost", "1vault"));
        Assert.Throws<ArgumentException>(() => new PostgresVaultOptions(" ", "vault"));
    }

    private async Task<NpgsqlConnection> OpenRawAsync()
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
