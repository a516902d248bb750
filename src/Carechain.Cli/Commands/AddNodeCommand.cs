using System.CommandLine;
using System.Globalization;
using System.Net;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;
using Carechain.Ledger.Genesis;
using Carechain.Node.Hosting;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain network add-node --dir DIR --organisation ORG</c>: a new node for an organisation of a
/// running consortium folder. It writes <c>nodeK/</c> (the next free K) with a new node keystore and a
/// <c>node.json</c> marked <c>joinsLater</c>, on the next free loopback ports, listing the founding
/// members. The node runs once governance adopts its key (<c>carechain governance add-node-key</c>):
/// it catches up from its peers and asks the leader to add it to Raft.
/// </summary>
internal static class AddNodeCommand
{
    public static Command Create()
    {
        var dir = new Option<string>("--dir") { Description = "The consortium folder (holding nodeK/node.json)", Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The organisation that runs the new node, e.g. org1", Required = true };
        var passphraseEnv = CommonOptions.PassphraseEnv(description: "Environment variable holding the passphrase that seals the new node keystore");
        passphraseEnv.Required = true;
        var json = CommonOptions.Json();
        var command = new Command("add-node", "Write a node config and key for a node an organisation adds to the running consortium")
        {
            dir, organisation, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var root = Path.GetFullPath(context.Value(dir)!);
            if (!OrganisationId.TryParse(context.Value(organisation), out var organisationId))
            {
                throw CliException.Usage("--organisation must be an organisation id such as org1");
            }

            var configs = await ReadConfigsAsync(root, context.CancellationToken);
            var founding = configs.Where(c => !c.Config.JoinsLater).ToList();
            if (founding.Count == 0)
            {
                throw CliException.Usage($"{root} holds no founding node config; create the folder with carechain init");
            }

            if (!configs.Any(c => c.Config.Organisation == organisationId.Value))
            {
                throw CliException.Usage($"{root} runs no node of organisation '{organisationId}'");
            }

            var sameOrganisation = configs.First(c => c.Config.Organisation == organisationId.Value);
            var passphrase = Passphrases.FromEnvironment(context.Value(passphraseEnv)!);
            var number = configs.Max(c => NodeNumber(c.Config.Id)) + 1;
            var id = "node" + number.ToString(CultureInfo.InvariantCulture);
            var apiPort = configs.SelectMany(c => c.Config.Members).Select(m => new Uri(m.Url).Port).Max() + 1;
            var raftPort = configs.SelectMany(c => c.Config.Members).Select(m => IPEndPoint.Parse(m.Raft).Port).Max() + 1;
            if (apiPort > 65535 || raftPort > 65535)
            {
                throw CliException.Usage("no free port is left above the folder's nodes");
            }

            var url = "http://127.0.0.1:" + apiPort.ToString(CultureInfo.InvariantCulture);
            var raft = ConsortiumNodeConfig.LoopbackEndPoint(raftPort);
            var template = founding[0].Config;
            var members = template.Members.Append(new ConsortiumMemberConfig(id, url, raft)).ToArray();
            var folder = Path.Combine(root, id);
            using var nodeKey = SigningKey.Generate();
            var config = new ConsortiumNodeConfig(
                ConsortiumNodeConfig.FormatName, ConsortiumNodeConfig.CurrentVersion, id, organisationId.Value, url,
                [.. template.Members.Select(m => m.Url)], raft, members, InitCommand.DataFolderName, template.Genesis, template.GenesisBlock,
                InitCommand.NodeKeystoreName, Path.Combine("..", Path.GetFileName(sameOrganisation.Folder), sameOrganisation.Config.AdminKeystore),
                JoinsLater: true);
            Directory.CreateDirectory(folder);
            await KeyFiles.WriteNewAsync(Path.Combine(folder, InitCommand.NodeKeystoreName), Keystore.Seal(nodeKey, passphrase, KeystoreStrength.Fast), context.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder, InitCommand.ConfigFileName), config.ToJson(), context.CancellationToken);
            var configPath = Path.Combine(folder, InitCommand.ConfigFileName);
            context.Emit(
                new { id, organisation = organisationId.Value, url, raft, nodeKey = nodeKey.PublicKey.ToString(), config = configPath },
                ui => Display.Fields(ui, ("node", id), ("organisation", organisationId), ("url", url), ("raft", raft), ("node key", nodeKey.PublicKey), ("config", configPath)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyList<(string Folder, ConsortiumNodeConfig Config)>> ReadConfigsAsync(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root))
        {
            throw CliException.Usage($"{root} is not a consortium folder (it does not exist)");
        }

        var configs = new List<(string, ConsortiumNodeConfig)>();
        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            var path = Path.Combine(folder, InitCommand.ConfigFileName);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                configs.Add((folder, ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(path, cancellationToken))));
            }
            catch (InvalidDataException ex)
            {
                throw CliException.Usage($"{path}: {ex.Message}", ex);
            }
        }

        return configs;
    }

    private static int NodeNumber(string id) =>
        id.StartsWith("node", StringComparison.Ordinal) && int.TryParse(id.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
