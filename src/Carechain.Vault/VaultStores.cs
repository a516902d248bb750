using Carechain.Vault.Postgres;
using Carechain.Vault.Rocks;
using Carechain.Vault.Storage;

namespace Carechain.Vault;

/// <summary>Opens the store a node was configured with (the contract is in docs/vault.md).</summary>
public static class VaultStores
{
    /// <summary>The environment variable a node reads the PostgreSQL connection string from when its config has none.</summary>
    public const string PostgresConnectionVariable = "CARECHAIN_VAULT_POSTGRES";

    /// <summary>The vault's folder inside a node's data folder, for the RocksDB backend.</summary>
    public const string RocksFolderName = "vault";

    /// <summary>Parses a <c>--vault</c> value: <c>rocksdb</c> or <c>postgres</c>.</summary>
    public static bool TryParseBackend(string? text, out VaultBackend backend)
    {
        switch (text)
        {
            case "rocksdb":
                backend = VaultBackend.RocksDb;
                return true;
            case "postgres":
                backend = VaultBackend.Postgres;
                return true;
            default:
                backend = default;
                return false;
        }
    }

    /// <summary>
    /// Opens the backend. <paramref name="nodeDataPath"/> is used by RocksDB; <paramref name="postgres"/>
    /// must be given for PostgreSQL (the caller resolves it from config or the environment).
    /// </summary>
    public static async Task<IVaultStore> OpenAsync(VaultBackend backend, string nodeDataPath, PostgresVaultOptions? postgres, CancellationToken cancellationToken = default) =>
        backend switch
        {
            VaultBackend.RocksDb => RocksVaultStore.Open(Path.Combine(nodeDataPath, RocksFolderName)),
            VaultBackend.Postgres => await PostgresVaultStore.OpenAsync(
                postgres ?? throw new ArgumentException($"The PostgreSQL vault needs a connection string (node config or {PostgresConnectionVariable}).", nameof(postgres)),
                cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown vault backend."),
        };
}
