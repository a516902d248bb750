using Npgsql;

namespace Carechain.Vault.Postgres;

/// <summary>
/// Creates and migrates the vault's tables. Migrations are numbered and applied in order, each
/// once, inside one transaction under an advisory lock, so several nodes or test runs opening the
/// same database at once neither race nor apply a step twice.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Migration n (1-based) is at index n − 1. Append only; never edit a shipped step.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE {schema}.record_versions (
            record_id       text   NOT NULL,
            version         bigint NOT NULL CHECK (version >= 1),
            resource_type   text   NOT NULL,
            ciphertext_hash bytea  NOT NULL,
            envelope        bytea  NOT NULL,
            PRIMARY KEY (record_id, version)
        );
        CREATE TABLE {schema}.tombstones (
            record_id text  PRIMARY KEY,
            tombstone bytea NOT NULL
        );
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = "carechain-vault-migrate:" + schema });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, $"""
            CREATE SCHEMA IF NOT EXISTS {schema};
            CREATE TABLE IF NOT EXISTS {schema}.schema_version (version integer NOT NULL);
            """, cancellationToken);

        int applied;
        await using (var read = new NpgsqlCommand($"SELECT COALESCE(max(version), 0) FROM {schema}.schema_version", connection, transaction))
        {
            applied = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (applied > Migrations.Length)
        {
            throw new InvalidOperationException($"The vault schema '{schema}' is at version {applied}, newer than this build knows ({Migrations.Length}).");
        }

        for (var step = applied + 1; step <= Migrations.Length; step++)
        {
            await ExecuteAsync(connection, transaction, Migrations[step - 1].Replace("{schema}", schema, StringComparison.Ordinal), cancellationToken);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {schema}.schema_version (version) VALUES ({step})", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
