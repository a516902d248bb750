using Carechain.Vault;
using Carechain.Vault.Crypto;
using Carechain.Vault.Postgres;
using Carechain.Vault.Storage;

namespace Carechain.Node.Vault;

/// <summary>
/// The node's record vault: the backend chosen with <c>--vault</c> and the custodian key from
/// <c>vault.key</c>, opened once at start-up and closed with the node.
/// </summary>
internal sealed class NodeVault : IAsyncDisposable
{
    private readonly IVaultStore _store;
    private readonly CustodianKey _key;

    private NodeVault(IVaultStore store, CustodianKey key)
    {
        _store = store;
        _key = key;
        Records = new RecordVault(store, key);
    }

    public RecordVault Records { get; }

    public static async Task<NodeVault> OpenAsync(NodeOptions options, CancellationToken cancellationToken = default)
    {
        PostgresVaultOptions? postgres = null;
        if (options.Vault == VaultBackend.Postgres)
        {
            var connection = options.VaultPostgres ?? Environment.GetEnvironmentVariable(VaultStores.PostgresConnectionVariable);
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL vault needs a connection string: set it in the node config or {VaultStores.PostgresConnectionVariable}.");
            }

            postgres = new PostgresVaultOptions(connection);
        }

        var key = NodeVaultKey.LoadOrCreate(options.DataDirectory, options.VaultKeyPassphrase);
        try
        {
            var store = await VaultStores.OpenAsync(options.Vault, options.DataDirectory, postgres, cancellationToken).ConfigureAwait(false);
            return new NodeVault(store, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync().ConfigureAwait(false);
        _key.Dispose();
    }
}
