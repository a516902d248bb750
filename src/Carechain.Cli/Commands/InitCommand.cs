using System.CommandLine;
using System.Globalization;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;
using Carechain.Ledger.Genesis;
using Carechain.Node.Hosting;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain init --nodes N --out DIR</c>: a consortium folder for N organisations on loopback, one
/// node each: <c>genesis.json</c>, and per node <c>nodeK/</c> with encrypted keystores for its node key
/// and its organisation's admin key and a <c>node.json</c> config. Everything is written into a staging
/// folder first and moved into place at the end, so DIR is either complete or untouched; an existing,
/// non-empty DIR is never written to.
/// </summary>
internal static class InitCommand
{
    public const string GenesisFileName = "genesis.json";
    public const string ConfigFileName = "node.json";
    public const string NodeKeystoreName = "node-key.json";
    public const string AdminKeystoreName = "admin-key.json";
    public const string DataFolderName = "data";

    /// <summary>Node K serves its API on P+K and Raft on P+RaftOffset+K.</summary>
    public const int RaftOffset = 100;

    private const int MaxNodes = GenesisDocument.MaxOrganisations;

    public static Command Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "How many organisations, one node each", Required = true };
        var output = new Option<string>("--out") { Description = "The consortium folder to create (must not exist, or be empty)", Required = true };
        var approvals = new Option<int?>("--approvals") { Description = "Approvals M (of N organisations) a governance change needs; default a majority" };
        var basePort = new Option<int>("--base-port") { Description = "Node K serves http://127.0.0.1:(P+K) and Raft on 127.0.0.1:(P+100+K)", DefaultValueFactory = _ => 7070 };
        var chainId = new Option<string>("--chain-id") { Description = "The new chain's id", DefaultValueFactory = _ => "carechain-local" };
        var kind = new Option<string>("--kind") { Description = "Kind of every organisation: " + string.Join(", ", OrganisationKinds.Names), DefaultValueFactory = _ => "hospital" };
        var lifetime = new Option<long>("--proposal-lifetime") { Description = "Blocks a governance proposal stays open", DefaultValueFactory = _ => 10_000 };
        var passphraseEnv = CommonOptions.PassphraseEnv(description: "Environment variable holding the passphrase that seals every keystore");
        passphraseEnv.Required = true;
        var json = CommonOptions.Json();
        var command = new Command("init", "Create a local consortium: keys, genesis and one config per node on loopback")
        {
            nodes, output, approvals, basePort, chainId, kind, lifetime, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var count = context.Value(nodes);
            if (count is < 1 or > MaxNodes)
            {
                throw CliException.Usage($"--nodes must be from 1 to {MaxNodes}");
            }

            var port = context.Value(basePort);
            if (port < 1 || port + RaftOffset + count > 65535)
            {
                throw CliException.Usage($"--base-port {port} leaves no room for {count} API and Raft ports below 65536");
            }

            if (!OrganisationKinds.TryParse(context.Value(kind), out var organisationKind))
            {
                throw CliException.Usage($"--kind must be one of {string.Join(", ", OrganisationKinds.Names)}");
            }

            var target = Path.GetFullPath(context.Value(output)!);
            RefuseToOverwrite(target);
            var passphrase = Passphrases.FromEnvironment(context.Value(passphraseEnv)!);
            var plan = new Plan(target, count, context.Value(approvals) ?? (count / 2) + 1, port, context.Value(chainId)!, organisationKind, context.Value(lifetime));
            var created = await WriteAsync(plan, passphrase, context.CancellationToken);
            Report(context, plan, created);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void RefuseToOverwrite(string target)
    {
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw CliException.Usage($"{target} already exists and is not empty; refusing to overwrite it");
        }
    }

    private static async Task<IReadOnlyList<CreatedNode>> WriteAsync(Plan plan, string passphrase, CancellationToken cancellationToken)
    {
        var staging = plan.Directory.TrimEnd(Path.DirectorySeparatorChar) + ".partial-" + Path.GetRandomFileName();
        Directory.CreateDirectory(staging);
        try
        {
            var created = new List<CreatedNode>(plan.Nodes);
            var organisations = new List<Organisation>(plan.Nodes);
            Carechain.Ledger.Blocks.BlockHeader? genesisBlock = null;
            for (var k = 1; k <= plan.Nodes; k++)
            {
                var folder = Directory.CreateDirectory(Path.Combine(staging, NodeName(k))).FullName;
                using var nodeKey = SigningKey.Generate();
                using var adminKey = SigningKey.Generate();
                await KeyFiles.WriteNewAsync(Path.Combine(folder, NodeKeystoreName), Keystore.Seal(nodeKey, passphrase, KeystoreStrength.Fast), cancellationToken);
                await KeyFiles.WriteNewAsync(Path.Combine(folder, AdminKeystoreName), Keystore.Seal(adminKey, passphrase, KeystoreStrength.Fast), cancellationToken);
                var organisation = new Organisation(
                    OrganisationId.Parse($"org{k}"), $"Organisation {k}", plan.Kind, [adminKey.PublicKey], [nodeKey.PublicKey]);
                organisations.Add(organisation);
                created.Add(new CreatedNode(NodeName(k), organisation.Id.Value, plan.Url(k), plan.Raft(k), nodeKey.PublicKey.ToString(), adminKey.PublicKey.ToString()));
                if (k == plan.Nodes)
                {
                    // Block 0 must be the same on every member, so it is signed once, here, by the
                    // last node key (the only one still in hand once the genesis is complete).
                    var genesis = NewGenesis(plan, organisations);
                    await File.WriteAllTextAsync(Path.Combine(staging, GenesisFileName), GenesisFile.Write(genesis), cancellationToken);
                    genesisBlock = genesis.UnsignedGenesisHeader(nodeKey.PublicKey).SignWith(nodeKey);
                }
            }

            var members = created.Select(n => new ConsortiumMemberConfig(n.Id, n.Url, n.Raft)).ToArray();
            foreach (var node in created)
            {
                var config = new ConsortiumNodeConfig(
                    ConsortiumNodeConfig.FormatName, ConsortiumNodeConfig.CurrentVersion, node.Id, node.Organisation, node.Url,
                    [.. created.Where(other => other.Id != node.Id).Select(other => other.Url)], node.Raft, members,
                    DataFolderName, Path.Combine("..", GenesisFileName), Convert.ToHexStringLower(genesisBlock!.Encode()), NodeKeystoreName, AdminKeystoreName);
                await File.WriteAllTextAsync(Path.Combine(staging, node.Id, ConfigFileName), config.ToJson(), cancellationToken);
            }

            if (Directory.Exists(plan.Directory))
            {
                // Empty (checked above); a non-recursive delete fails if something appeared meanwhile.
                Directory.Delete(plan.Directory);
            }

            Directory.Move(staging, plan.Directory);
            return created;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static GenesisDocument NewGenesis(Plan plan, IReadOnlyList<Organisation> organisations)
    {
        try
        {
            return new GenesisDocument(
                plan.ChainId, TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds(), organisations, new GovernancePolicy(plan.Approvals, plan.ProposalLifetime));
        }
        catch (InvalidGenesisException ex)
        {
            throw CliException.Usage(ex.Message, ex);
        }
    }

    private static void Report(CliContext context, Plan plan, IReadOnlyList<CreatedNode> nodes) =>
        context.Emit(
            new
            {
                dir = plan.Directory,
                chainId = plan.ChainId,
                genesis = Path.Combine(plan.Directory, GenesisFileName),
                approvals = plan.Approvals,
                nodes = nodes.Select(n => new
                {
                    id = n.Id,
                    organisation = n.Organisation,
                    url = n.Url,
                    nodeKey = n.NodeKey,
                    adminKey = n.AdminKey,
                    config = Path.Combine(plan.Directory, n.Id, ConfigFileName),
                }),
            },
            ui =>
            {
                Display.Fields(ui, ("folder", plan.Directory), ("chain id", plan.ChainId), ("approvals", $"{plan.Approvals} of {plan.Nodes}"));
                Display.Table(ui, ["node", "organisation", "url", "node key"], nodes.Select(n => new[] { n.Id, n.Organisation, n.Url, n.NodeKey }));
            });

    private static string NodeName(int k) => "node" + k.ToString(CultureInfo.InvariantCulture);

    private sealed record Plan(string Directory, int Nodes, int Approvals, int BasePort, string ChainId, OrganisationKind Kind, long ProposalLifetime)
    {
        public string Url(int k) => "http://127.0.0.1:" + (BasePort + k).ToString(CultureInfo.InvariantCulture);

        /// <summary>Node K's Raft transport listens RaftOffset ports above its API.</summary>
        public string Raft(int k) => ConsortiumNodeConfig.LoopbackEndPoint(BasePort + RaftOffset + k);
    }

    private sealed record CreatedNode(string Id, string Organisation, string Url, string Raft, string NodeKey, string AdminKey);
}
