using Carechain.Ledger.Production;

namespace Carechain.Node;

/// <summary>Everything a node needs to start; bound from the command line or a config file.</summary>
public sealed class NodeOptions
{
    public const string DevChainId = "carechain-dev";

    /// <summary>Folder holding the RocksDB store and the node key.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Addresses to listen on, e.g. http://127.0.0.1:7070.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:7070";

    /// <summary>Chain id used when the store is empty and a dev chain is created.</summary>
    public string ChainId { get; init; } = DevChainId;

    public ProducerOptions Producer { get; init; } = new();

    /// <summary>Set for a consortium member ordered by Raft; null runs the solo dev chain.</summary>
    public Hosting.ConsortiumOptions? Consortium { get; init; }

    /// <summary>Where the record vault keeps ciphertexts: embedded RocksDB under the data folder (default) or PostgreSQL.</summary>
    public Carechain.Vault.VaultBackend Vault { get; init; } = Carechain.Vault.VaultBackend.RocksDb;

    /// <summary>
    /// The PostgreSQL connection string for <see cref="Carechain.Vault.VaultBackend.Postgres"/>; when null the node reads
    /// <see cref="Carechain.Vault.VaultStores.PostgresConnectionVariable"/>.
    /// </summary>
    public string? VaultPostgres { get; init; }

    /// <summary>
    /// The passphrase sealing <c>vault.key</c> (a Core keystore); null on the dev node, whose vault key is an
    /// owner-only seed file like its node key.
    /// </summary>
    public string? VaultKeyPassphrase { get; init; }

    /// <summary>Largest request body accepted, in bytes (a batch of transactions is the largest).</summary>
    public long MaxRequestBodyBytes { get; init; } = 16 * 1024 * 1024;
}
