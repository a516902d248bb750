using System.CommandLine;
using Carechain.Ledger.Production;
using Carechain.Node;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using RocksDbSharp;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain node run</c>: serve a node in the foreground until Ctrl-C or SIGTERM.</summary>
internal static class NodeCommands
{
    /// <summary>The generic host's log category: it logs a failed start as a stack trace before the command reports it.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static Command Create()
    {
        var node = new Command("node", "Run a Carechain node");
        node.Add(CreateRun());
        return node;
    }

    private static Command CreateRun()
    {
        var dev = new Option<bool>("--dev") { Description = "Run the embedded single-node dev chain (created on first start, resumed after)" };
        var data = new Option<string>("--data") { Description = "The dev node's data folder (store and node key)" };
        var config = new Option<string>("--config") { Description = "Run a consortium member from its node.json (written by carechain init)" };
        var passphraseEnv = CommonOptions.PassphraseEnv(description: "Environment variable holding the passphrase of the member's node keystore");
        var urls = new Option<string>("--urls") { Description = "Address to serve on", DefaultValueFactory = _ => "http://127.0.0.1:7070" };
        var interval = new Option<int>("--block-interval-ms") { Description = "Gather transactions this long before cutting a block (0: cut at once)", DefaultValueFactory = _ => 0 };
        var maxTxs = new Option<int>("--block-max-txs") { Description = "Most transactions in one block", DefaultValueFactory = _ => 5_000 };
        var vault = new Option<string>("--vault") { Description = "Where the record vault keeps ciphertexts: rocksdb (default) or postgres (connection string from vaultPostgres in node.json, else CARECHAIN_VAULT_POSTGRES)", DefaultValueFactory = _ => "rocksdb" };
        var json = CommonOptions.Json();
        var command = new Command("run", "Serve a node in the foreground; Ctrl-C or SIGTERM stops it cleanly") { dev, data, config, passphraseEnv, urls, interval, maxTxs, vault, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var configPath = context.Value(config);
            if (context.Value(dev) == (configPath is not null) || (context.Value(dev) && context.Value(data) is null))
            {
                throw CliException.Usage("give either --dev with --data DIR, or --config FILE");
            }

            var blockInterval = context.Value(interval);
            var blockMax = context.Value(maxTxs);
            if (blockInterval < 0 || blockMax is < 1 or > Ledger.Blocks.BlockLimits.MaxTransactions)
            {
                throw CliException.Usage($"--block-interval-ms must be >= 0 and --block-max-txs between 1 and {Ledger.Blocks.BlockLimits.MaxTransactions}");
            }

            if (!Carechain.Vault.VaultStores.TryParseBackend(context.Value(vault), out var vaultBackend))
            {
                throw CliException.Usage("--vault must be rocksdb or postgres");
            }

            var producer = new ProducerOptions { BlockInterval = TimeSpan.FromMilliseconds(blockInterval), MaxBlockTransactions = blockMax };
            var options = configPath is not null
                ? await MemberConfigLoader.LoadAsync(context, configPath, context.Value(passphraseEnv), producer)
                : new NodeOptions { DataDirectory = Path.GetFullPath(context.Value(data)!), Urls = context.Value(urls)!, Producer = producer };
            if (vaultBackend == Carechain.Vault.VaultBackend.Postgres && string.IsNullOrWhiteSpace(options.VaultPostgres)
                && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Carechain.Vault.VaultStores.PostgresConnectionVariable)))
            {
                options.Consortium?.NodeKey.Dispose();
                throw CliException.Usage(
                    $"--vault postgres needs a connection string: vaultPostgres in the node's config, or {Carechain.Vault.VaultStores.PostgresConnectionVariable}");
            }

            options = new NodeOptions
            {
                DataDirectory = options.DataDirectory, Urls = options.Urls, ChainId = options.ChainId, Producer = options.Producer,
                Consortium = options.Consortium, MaxRequestBodyBytes = options.MaxRequestBodyBytes, Vault = vaultBackend, VaultKeyPassphrase = options.VaultKeyPassphrase,
                VaultPostgres = options.VaultPostgres,
            };
            Microsoft.AspNetCore.Builder.WebApplication app;
            var started = false;
            try
            {
                // Until the node has started, a start-up failure (a port already in use, say) is the command's
                // one error line; the host would log it first as a stack trace. Once started, the host logs as usual.
                app = NodeHost.Build(options, logging => logging.SetMinimumLevel(LogLevel.Warning)
                    .AddFilter(HostCategory, level => Volatile.Read(ref started) || level >= LogLevel.Critical));
            }
            catch (RocksDbException ex)
            {
                throw CliException.Usage($"cannot open the store in {options.DataDirectory}: {ex.Message}");
            }

            await using (app)
            {
                await app.StartAsync(context.CancellationToken);
                Volatile.Write(ref started, true);
                var runtime = (Node.Hosting.NodeRuntime)app.Services.GetService(typeof(Node.Hosting.NodeRuntime))!;
                var head = runtime.Chain.Head;
                context.Emit(
                    new { chainId = runtime.Chain.ChainId, urls = options.Urls, data = options.DataDirectory, height = head.Height, nodeKey = runtime.Chain.NodeKey.ToString() },
                    ui => ui.WriteLine(options.Consortium is { } member
                        ? $"Carechain member {member.LocalId}: chain {runtime.Chain.ChainId} at height {head.Height}, serving {options.Urls}, Raft on {member.Local.RaftEndPoint}, data in {options.DataDirectory}"
                        : $"Carechain dev node: chain {runtime.Chain.ChainId} at height {head.Height}, serving {options.Urls}, data in {options.DataDirectory}"));
                await app.WaitForShutdownAsync(context.CancellationToken);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
