namespace Carechain.Vault;

/// <summary>The <c>--vault</c> choice of a node.</summary>
public enum VaultBackend
{
    /// <summary>Embedded RocksDB under the node's data folder: the default.</summary>
    RocksDb = 0,

    /// <summary>PostgreSQL, from the node config's connection string or <see cref="VaultStores.PostgresConnectionVariable"/>.</summary>
    Postgres = 1,
}
