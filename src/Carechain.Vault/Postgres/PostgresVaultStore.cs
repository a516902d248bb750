using Carechain.Core.Hashing;
using Carechain.Vault.Envelope;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using Npgsql;

namespace Carechain.Vault.Postgres;

/// <summary>
/// The vault in PostgreSQL, for deployments whose records outgrow one disk. Tables live in their
/// own schema, created and migrated on open. Every statement is parameterised; each write is one
/// transaction that first takes a transaction-scoped advisory lock on the record, so version
/// checks, inserts and erasure of one record are serialised across connections and nodes, while
/// different records proceed in parallel. A write returns only after its commit.
/// </summary>
public sealed class PostgresVaultStore : IVaultStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    private PostgresVaultStore(NpgsqlDataSource dataSource, string schema)
    {
        _dataSource = dataSource;
        _schema = schema;
    }

    public static async Task<PostgresVaultStore> OpenAsync(PostgresVaultOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        try
        {
            await PostgresSchema.MigrateAsync(dataSource, options.Schema, cancellationToken);
            return new PostgresVaultStore(dataSource, options.Schema);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    public async Task<PutOutcome> PutAsync(SealedRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.Header.Id;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockRecordAsync(connection, transaction, id, cancellationToken);

        bool erased;
        long head;
        await using (var state = Command(
            $"""
            SELECT EXISTS (SELECT 1 FROM {_schema}.tombstones WHERE record_id = $1),
                   COALESCE((SELECT max(version) FROM {_schema}.record_versions WHERE record_id = $1), 0)
            """,
            connection,
            transaction,
            id.Value))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            erased = reader.GetBoolean(0);
            head = reader.GetInt64(1);
        }

        var outcome = erased ? PutOutcome.RecordErased
            : record.Header.Version <= head ? PutOutcome.VersionExists
            : record.Header.Version != head + 1 ? PutOutcome.VersionOutOfSequence
            : PutOutcome.Stored;
        if (outcome != PutOutcome.Stored)
        {
            return outcome;
        }

        await using (var insert = Command(
            $"""
            INSERT INTO {_schema}.record_versions (record_id, version, resource_type, ciphertext_hash, envelope)
            VALUES ($1, $2, $3, $4, $5)
            """,
            connection,
            transaction,
            id.Value,
            record.Header.Version,
            record.Header.ResourceType.Name,
            record.CiphertextHash.ToArray(),
            record.Encode()))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return PutOutcome.Stored;
    }

    public async Task<VaultRead> GetAsync(RecordId id, long version, CancellationToken cancellationToken = default)
    {
        RecordId.ThrowIfDefault(id, nameof(id));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(
            $"""
            SELECT t.tombstone, v.envelope
            FROM (SELECT 1) AS one
            LEFT JOIN {_schema}.tombstones AS t ON t.record_id = $1
            LEFT JOIN {_schema}.record_versions AS v ON v.record_id = $1 AND v.version = $2
            """,
            connection,
            null,
            id.Value,
            version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (!reader.IsDBNull(0))
        {
            return VaultRead.Gone(StoredEnvelope.DecodeTombstone((byte[])reader.GetValue(0), id));
        }

        return reader.IsDBNull(1) ? VaultRead.NotFound : VaultRead.Found(StoredEnvelope.Decode((byte[])reader.GetValue(1), id, version));
    }

    public async Task<VersionListing> ListVersionsAsync(RecordId id, CancellationToken cancellationToken = default)
    {
        RecordId.ThrowIfDefault(id, nameof(id));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // One snapshot for both queries, so an erasure in between cannot turn "gone" into "not found".
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var tombstone = await ReadTombstoneAsync(connection, transaction, id, cancellationToken);
        if (tombstone is not null)
        {
            return VersionListing.Gone(tombstone);
        }

        var versions = await ReadSummariesAsync(connection, transaction, id, cancellationToken);
        return versions.Count == 0 ? VersionListing.NotFound : VersionListing.Found(versions);
    }

    public async Task<ErasureOutcome> EraseAsync(RecordId id, CancellationToken cancellationToken = default)
    {
        RecordId.ThrowIfDefault(id, nameof(id));
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockRecordAsync(connection, transaction, id, cancellationToken);
        var existing = await ReadTombstoneAsync(connection, transaction, id, cancellationToken);
        if (existing is not null)
        {
            return new ErasureOutcome(ErasureStatus.AlreadyErased, existing);
        }

        var versions = await ReadSummariesAsync(connection, transaction, id, cancellationToken);
        if (versions.Count == 0)
        {
            return new ErasureOutcome(ErasureStatus.NotFound, null);
        }

        var tombstone = new Tombstone(id, versions);
        await using (var delete = Command($"DELETE FROM {_schema}.record_versions WHERE record_id = $1", connection, transaction, id.Value))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = Command($"INSERT INTO {_schema}.tombstones (record_id, tombstone) VALUES ($1, $2)", connection, transaction, id.Value, tombstone.Encode()))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(ErasureStatus.Erased, tombstone);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    private async Task LockRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RecordId id, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction, _schema + ":" + id.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Tombstone?> ReadTombstoneAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RecordId id, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT tombstone FROM {_schema}.tombstones WHERE record_id = $1", connection, transaction, id.Value);
        var bytes = await command.ExecuteScalarAsync(cancellationToken);
        return bytes is byte[] tombstone ? StoredEnvelope.DecodeTombstone(tombstone, id) : null;
    }

    private async Task<List<VersionSummary>> ReadSummariesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, RecordId id, CancellationToken cancellationToken)
    {
        await using var command = Command(
            $"SELECT version, resource_type, ciphertext_hash FROM {_schema}.record_versions WHERE record_id = $1 ORDER BY version",
            connection,
            transaction,
            id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<VersionSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var hash = (byte[])reader.GetValue(2);
            if (!ResourceType.TryParse(reader.GetString(1), out var type) || hash.Length != Hash256.Size)
            {
                throw new Crypto.VaultIntegrityException($"The stored summary of record {id} version {reader.GetInt64(0)} is damaged.");
            }

            versions.Add(new VersionSummary(reader.GetInt64(0), type, Hash256.Read(hash)));
        }

        return versions;
    }
}
