using Carechain.Ledger.Genesis;
using Carechain.Node;
using Carechain.Node.Hosting;

namespace Carechain.Cli.Commands;

/// <summary>
/// Turns a consortium node's <c>node.json</c> into node options: resolves its paths against the
/// file's folder, reads the genesis and opens the node keystore. Any problem is a usage error
/// naming the file.
/// </summary>
internal static class MemberConfigLoader
{
    private const int MaxConfigBytes = 256 * 1024;

    public static async Task<NodeOptions> LoadAsync(CliContext context, string configPath, string? passphraseVariable, Ledger.Production.ProducerOptions producer)
    {
        var path = Path.GetFullPath(configPath);
        var file = new FileInfo(path);
        if (!file.Exists || file.Length > MaxConfigBytes)
        {
            throw CliException.Usage($"{path} is not a node config file");
        }

        ConsortiumNodeConfig config;
        GenesisDocument genesis;
        var folder = file.DirectoryName!;
        try
        {
            config = ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(path, context.CancellationToken));
            genesis = GenesisFile.Parse(await File.ReadAllTextAsync(Path.Combine(folder, config.Genesis), context.CancellationToken));
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidGenesisException or IOException)
        {
            throw CliException.Usage($"{path}: {ex.Message}");
        }

        var (key, passphrase) = await KeyFiles.OpenWithPassphraseAsync(context, Path.Combine(folder, config.NodeKeystore), passphraseVariable);
        if (!config.JoinsLater && !genesis.Producers.Contains(key.PublicKey))
        {
            key.Dispose();
            throw CliException.Usage($"{path}: the node key {key.PublicKey} is not a node key of the genesis (a node key governance adds runs with \"joinsLater\": true, see carechain network add-node)");
        }

        return new NodeOptions
        {
            DataDirectory = Path.GetFullPath(Path.Combine(folder, config.DataDirectory)),
            Urls = config.Urls,
            ChainId = genesis.ChainId,
            Producer = producer,
            VaultKeyPassphrase = passphrase,
            VaultPostgres = config.VaultPostgres,
            Consortium = new ConsortiumOptions
            {
                LocalId = config.Id,
                Members = config.ToMembers(),
                JoinsLater = config.JoinsLater,
                NodeKey = key,
                Genesis = genesis,
                GenesisHeader = config.ReadGenesisBlock(),
            },
        };
    }
}
