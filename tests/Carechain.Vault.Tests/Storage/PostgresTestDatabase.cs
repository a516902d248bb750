namespace Carechain.Vault.Tests.Storage;

/// <summary>Where the PostgreSQL tests find their database, and what happens when they cannot.</summary>
internal static class PostgresTestDatabase
{
    public static string ConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(VaultStores.PostgresConnectionVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{VaultStores.PostgresConnectionVariable} is not set in CI: scripts/postgres.sh did not provide a PostgreSQL, so the vault's PostgreSQL backend went untested.");
        }

        throw new SkipException($"{VaultStores.PostgresConnectionVariable} is not set; run ./scripts/test.sh (it starts PostgreSQL via scripts/postgres.sh) to include these tests.");
    }
}
