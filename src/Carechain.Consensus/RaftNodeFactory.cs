using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;

namespace Carechain.Consensus;

/// <summary>
/// Builds the DotNext pieces of one member: a write-ahead log that fsyncs before it reports an
/// entry committed, and a TCP Raft node whose membership is kept in a file beside the log, starting
/// from the configured list.
/// </summary>
internal static class RaftNodeFactory
{
    /// <summary>
    /// The size of each chunk file of a new log. DotNext's default is one memory page (4 KiB), so
    /// an entry holding a block of a few hundred KiB spanned hundreds of files, each created,
    /// mapped and fsynced on its own; a few blocks share one chunk of this size.
    /// </summary>
    internal const int NewLogChunkBytes = 8 * 1024 * 1024;

    /// <param name="membership">The member's membership file, attached at once so that the committed
    /// membership changes the log replays at start reach it (DotNext attaches it again when the node starts).</param>
    public static WriteAheadLog CreateLog(RaftOrderingOptions options, IStateMachine stateMachine, RaftMembershipFile? membership = null)
    {
        Directory.CreateDirectory(options.LogDirectory);

        // DotNext 6.12 always flushes and checkpoints before CommitAsync returns (its FlushInterval
        // and FlushOnCommit options are obsolete no-ops), which is the fix for dotNext#284, where a
        // batched flush lost a committed tail on graceful restart. The entry hash makes a torn or
        // altered log entry fail loudly at start instead of being replayed.
        return new WriteAheadLog(
            new WriteAheadLog.Options
            {
                Location = options.LogDirectory,
                ChunkSize = ChunkBytes(options.LogDirectory),
                HashAlgorithm = WriteAheadLog.IntegrityHashAlgorithm.XxHash3,
            },
            stateMachine)
        {
            ConfigurationStorage = membership,
        };
    }

    /// <summary>
    /// The chunk size of the log in <paramref name="logDirectory"/>: an existing log's entries are
    /// addressed by the size it was created with (4 KiB before <see cref="NewLogChunkBytes"/>), and
    /// DotNext preallocates every chunk file (named by its number, under <c>data</c>) to that size.
    /// </summary>
    internal static int ChunkBytes(string logDirectory)
    {
        var data = new DirectoryInfo(Path.Combine(logDirectory, "data"));
        var chunk = data.Exists ? data.EnumerateFiles().FirstOrDefault(f => uint.TryParse(f.Name, out _)) : null;
        return chunk is null ? NewLogChunkBytes : checked((int)chunk.Length);
    }

    /// <param name="joined">
    /// The membership file names this member. A joining member asks to be added only while it is not
    /// a member yet: once the configuration naming it committed, a restart starts it as a member.
    /// </param>
    public static RaftCluster CreateCluster(RaftOrderingOptions options, WriteAheadLog log, RaftMembershipFile membership, bool joined, ILoggerFactory? loggerFactory)
    {
        var requestTimeout = options.RequestTimeout;
        var configuration = new RaftCluster.TcpConfiguration(options.LocalListenEndPoint ?? options.Local.EndPoint)
        {
            // The member's identity and the address peers connect to, whichever address it binds.
            PublicEndPoint = options.Local.EndPoint,

            // Upper before lower: DotNext's default window is 150-300 ms, and a lower bound above
            // the current upper bound would describe an empty window.
            UpperElectionTimeout = ToMilliseconds(options.UpperElectionTimeout),
            LowerElectionTimeout = ToMilliseconds(options.LowerElectionTimeout),
            RequestTimeout = requestTimeout,
            ConnectTimeout = requestTimeout,
            GracefulShutdownTimeout = requestTimeout,

            // Every member starts from the membership in its file; no member may bootstrap a cluster of one.
            // A joining member starts outside it (DotNext keeps it frozen) and announces itself.
            ColdStart = false,
            Announcer = options is { JoinsLater: true, Announce: { } announce } && !joined ? (_, _, token) => announce(token) : null,
            ConfigurationStorage = membership,
            LoggerFactory = loggerFactory,
        };

        configuration.Metadata[RaftOrdering.IdMetadata] = options.LocalId;
        foreach (var (name, value) in options.Metadata)
            configuration.Metadata[name] = value;

        return new RaftCluster(configuration) { AuditTrail = log };
    }

    /// <summary>
    /// Opens the member's membership file (<see cref="RaftMembershipFile"/>), writing the configured
    /// initial membership into it the first time (version 0, below every log index): the configured
    /// members, without this one when it joins later. A file that exists wins over the configured list.
    /// </summary>
    internal static async Task<(RaftMembershipFile File, IReadOnlySet<EndPoint> Members)> OpenMembershipAsync(RaftOrderingOptions options, CancellationToken token)
    {
        Directory.CreateDirectory(options.LogDirectory);
        var path = Path.Combine(options.LogDirectory, RaftMembershipFile.FileName);
        var file = new RaftMembershipFile(path, EqualityComparer<EndPoint>.Default);
        try
        {
            IClusterConfigurationStorage<EndPoint> storage = file;
            var configuration = await storage.LoadConfigurationAsync(token).ConfigureAwait(false);
            if (!File.Exists(path))
            {
                foreach (var member in options.Members.Where(m => !options.JoinsLater || m.Id != options.LocalId))
                    configuration = configuration.Add(member.EndPoint);
                await storage.SaveConfigurationAsync(configuration, configurationVersion: 0L, token).ConfigureAwait(false);
            }

            return (file, configuration.Members);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static int ToMilliseconds(TimeSpan value) => checked((int)Math.Ceiling(value.TotalMilliseconds));
}
