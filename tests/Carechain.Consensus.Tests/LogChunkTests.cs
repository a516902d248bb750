using System.Net;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Carechain.Consensus.Tests;

public sealed class LogChunkTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "carechain-chunks-" + Path.GetRandomFileName());

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task A_new_log_keeps_a_large_entry_in_a_few_chunk_files()
    {
        var entries = Entries(count: 3, bytes: 1_000_000);
        await WriteAsync(chunkBytes: null, entries);

        var files = Directory.GetFiles(Path.Combine(root, "data"));
        Assert.InRange(files.Length, 1, 2);
        Assert.All(files, f => Assert.Equal(RaftNodeFactory.NewLogChunkBytes, new FileInfo(f).Length));
        Assert.Equal(entries, await ReplayAsync());
    }

    [Fact]
    public async Task A_log_written_with_4_KiB_chunks_by_earlier_builds_replays_every_entry()
    {
        var entries = Entries(count: 4, bytes: 10_000);
        await WriteAsync(chunkBytes: 4096, entries);

        Assert.Equal(4096, RaftNodeFactory.ChunkBytes(root));
        Assert.Equal(entries, await ReplayAsync());
    }

    private static List<byte[]> Entries(int count, int bytes) =>
        [.. Enumerable.Range(0, count).Select(i => Enumerable.Range(0, bytes).Select(b => (byte)(b * 31 + i)).ToArray())];

    /// <summary>Appends and commits the entries to a log in the folder, as a member's Raft log holds them.</summary>
    private async Task WriteAsync(int? chunkBytes, List<byte[]> entries)
    {
        var ignore = new CommittedEntryDispatcher((_, _, _) => ValueTask.CompletedTask, lastAppliedIndex: 0);
        await using var log = chunkBytes is { } size
            ? new WriteAheadLog(new WriteAheadLog.Options { Location = root, ChunkSize = size, HashAlgorithm = WriteAheadLog.IntegrityHashAlgorithm.XxHash3 }, ignore)
            : RaftNodeFactory.CreateLog(Options(), ignore);
        foreach (var entry in entries)
            await log.AppendAsync(new BinaryLogEntry { Content = entry, Term = 1, CommandId = CommittedEntryDispatcher.EntryCommandId });

        await log.CommitAsync(entries.Count);
        await log.WaitForApplyAsync(entries.Count);
    }

    /// <summary>Reopens the folder's log as a member does at start and returns what it delivers.</summary>
    private async Task<List<byte[]>> ReplayAsync()
    {
        var delivered = new DeliveryLog();
        await using var log = RaftNodeFactory.CreateLog(Options(), new CommittedEntryDispatcher(delivered.RecordAsync, lastAppliedIndex: 0));
        await log.InitializeAsync();
        return [.. delivered.Snapshot().Select(d => d.Entry)];
    }

    private RaftOrderingOptions Options() => new()
    {
        LocalId = "a",
        Members = [new RaftPeer("a", new IPEndPoint(IPAddress.Loopback, 1))],
        LogDirectory = root,
    };
}
