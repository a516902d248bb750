using Carechain.Vault;

namespace Carechain.IntegrationTests.Support;

/// <summary>
/// The PostgreSQL the vault tests use (scripts/postgres.sh, exported as CARECHAIN_VAULT_POSTGRES by
/// scripts/test.sh and .ci/run). Without it a test skips locally and fails under CI (CI=true), as the
/// vault's own PostgreSQL tests do, so a broken database step never passes as green.
/// </summary>
internal static class PostgresVault
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
            throw new InvalidOperationException($"{VaultStores.PostgresConnectionVariable} is not set in CI: the FHIR API on the PostgreSQL vault went untested.");
        }

        throw new SkipException($"{VaultStores.PostgresConnectionVariable} is not set; run ./scripts/test.sh (it starts PostgreSQL via scripts/postgres.sh) to include this test.");
    }
}
