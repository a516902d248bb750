using Carechain.Cli.Commands;
using Carechain.Node.Hosting;

namespace Carechain.Cli.Network;

/// <summary>
/// Reads the nodes of a consortium folder written by <c>carechain init</c>: every <c>nodeK/node.json</c>,
/// in node order. A folder without any, or with a config that does not parse, is a usage error naming it.
/// </summary>
internal static class ConsortiumFolder
{
    private const int MaxConfigBytes = 256 * 1024;

    public static async Task<IReadOnlyList<NetworkMember>> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        if (!Directory.Exists(root))
        {
            throw CliException.Usage($"{root} is not a consortium folder (it does not exist)");
        }

        var members = new List<NetworkMember>();
        foreach (var folder in Directory.EnumerateDirectories(root).OrderBy(NodeNumber).ThenBy(d => d, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, InitCommand.ConfigFileName);
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                continue;
            }

            if (file.Length > MaxConfigBytes)
            {
                throw CliException.Usage($"{path} is not a node config file");
            }

            try
            {
                var config = ConsortiumNodeConfig.Parse(await File.ReadAllTextAsync(path, cancellationToken));
                var self = config.ToMembers().Single(m => m.Id == config.Id);
                members.Add(new NetworkMember(config.Id, path, self.ApiUrl));
            }
            catch (InvalidDataException ex)
            {
                throw CliException.Usage($"{path}: {ex.Message}", ex);
            }
        }

        return members.Count > 0
            ? members
            : throw CliException.Usage($"{root} holds no nodeK/{InitCommand.ConfigFileName}; create one with carechain init");
    }

    /// <summary>node2 before node10: folders are ordered by the number they end with.</summary>
    private static long NodeNumber(string folder)
    {
        var name = Path.GetFileName(folder);
        var digits = name[name.TrimEnd("0123456789".ToCharArray()).Length..];
        return digits.Length is > 0 and < 10 ? long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
    }
}
