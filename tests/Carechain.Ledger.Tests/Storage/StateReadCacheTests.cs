using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Storage;
using Carechain.Testing;

namespace Carechain.Ledger.Tests.Storage;

public class StateReadCacheTests
{
    private static readonly byte[] Key = [1, 2, 3];

    [Fact]
    public void Cached_state_reads_follow_every_committed_block()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        for (ulong n = 1; n <= 4; n++)
        {
            // Read twice before the block (the second read is the cached one), then once after it.
            Assert.Equal(n - 1, BlockExecutor.ReadNonce(chain.Store, author.PublicKey));
            Assert.Equal(n - 1, BlockExecutor.ReadNonce(chain.Store, author.PublicKey));
            chain.Submit(TestChain.Anchor(author, n));
            chain.CommitPending();
            Assert.Equal(n, BlockExecutor.ReadNonce(chain.Store, author.PublicKey));
        }
    }

    [Fact]
    public void A_caller_changing_the_bytes_it_read_changes_nothing_the_store_answers()
    {
        using var dir = new TempDirectory();
        using var chain = TestChain.Create(dir.Path);
        using var author = SigningKey.Generate();
        chain.Submit(TestChain.Anchor(author, 1));
        chain.CommitPending();
        var key = StateKeys.Nonce(author.PublicKey);
        var first = chain.Store.Get(key)!;
        var original = first.ToArray();
        first.AsSpan().Fill(0xFF);
        var second = chain.Store.Get(key)!;
        second.AsSpan().Fill(0xEE);
        Assert.Equal(original, chain.Store.Get(key));
    }

    [Fact]
    public void A_value_read_before_or_during_a_commit_that_writes_its_key_is_not_kept()
    {
        var cache = new StateReadCache();
        var before = cache.Epoch;
        cache.BeginCommit([Key.ToArray()]);
        var during = cache.Epoch;
        cache.Keep(Key, [9], before);
        cache.Keep(Key, [9], during);
        Assert.False(cache.TryGet(Key, out _));
        cache.EndCommit([]);
        cache.Keep(Key, [9], before);
        cache.Keep(Key, [9], during);
        Assert.False(cache.TryGet(Key, out _));

        cache.Keep(Key, [7], cache.Epoch);
        Assert.True(cache.TryGet(Key, out var value));
        Assert.Equal([7], value!);
    }

    [Fact]
    public void A_value_read_around_one_commit_that_leaves_its_key_alone_is_kept()
    {
        byte[] written = [8, 8];
        var cache = new StateReadCache();
        var before = cache.Epoch;
        cache.BeginCommit([written]);
        var during = cache.Epoch;
        cache.Keep(Key, [1], before);
        Assert.True(cache.TryGet(Key, out var first));
        Assert.Equal([1], first!);

        byte[] other = [4, 5];
        cache.EndCommit([]);
        cache.Keep(other, [2], during);
        Assert.True(cache.TryGet(other, out var second));
        Assert.Equal([2], second!);
    }

    [Fact]
    public void A_value_read_before_two_commits_is_not_kept_whatever_they_wrote()
    {
        var cache = new StateReadCache();
        var before = cache.Epoch;
        cache.BeginCommit([]);
        cache.EndCommit([]);
        var between = cache.Epoch;
        cache.BeginCommit([]);
        cache.Keep(Key, [3], before);
        Assert.False(cache.TryGet(Key, out _));
        cache.Keep(Key, [3], between);
        Assert.True(cache.TryGet(Key, out _));
        cache.EndCommit([]);
    }

    [Fact]
    public void A_commit_drops_the_keys_it_writes_and_absences_are_kept_too()
    {
        var cache = new StateReadCache();
        byte[] other = [4, 5];
        cache.Keep(Key, [1], cache.Epoch);
        cache.Keep(other, null, cache.Epoch);
        Assert.True(cache.TryGet(other, out var absent));
        Assert.Null(absent);

        cache.BeginCommit([Key.ToArray()]);
        Assert.False(cache.TryGet(Key, out _));
        Assert.True(cache.TryGet(other, out _));
        cache.EndCommit([]);
    }

    [Fact]
    public void What_a_landed_commit_wrote_to_cached_keys_is_kept_and_a_failed_commit_keeps_nothing()
    {
        byte[] deleted = [6];
        byte[] large = [7];
        byte[] unread = [8];
        var cache = new StateReadCache();
        cache.Keep(Key, null, cache.Epoch);
        cache.Keep(deleted, [1], cache.Epoch);
        cache.Keep(large, [1], cache.Epoch);
        cache.BeginCommit([Key.ToArray(), deleted, large, unread]);
        cache.EndCommit([new(Key, [5]), new(deleted, null), new(large, new byte[StateReadCache.MaxValueBytes + 1]), new(unread, [2])]);
        Assert.True(cache.TryGet(Key, out var written));
        Assert.Equal([5], written!);
        Assert.True(cache.TryGet(deleted, out var absent));
        Assert.Null(absent);
        Assert.False(cache.TryGet(large, out _));
        Assert.False(cache.TryGet(unread, out _));

        cache.BeginCommit([Key.ToArray()]);
        cache.EndCommit([]);
        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void The_cache_stays_bounded_keeps_most_of_a_working_set_larger_than_itself_and_never_keeps_large_values()
    {
        var cache = new StateReadCache();
        cache.Keep(Key, new byte[StateReadCache.MaxValueBytes + 1], cache.Epoch);
        Assert.False(cache.TryGet(Key, out _));

        var workingSet = StateReadCache.MaxEntries + (StateReadCache.MaxEntries / 4);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < workingSet; i++)
            {
                if (!cache.TryGet(BitConverter.GetBytes(i), out _))
                {
                    cache.Keep(BitConverter.GetBytes(i), [1], cache.Epoch);
                }

                Assert.True(cache.Count <= StateReadCache.MaxEntries);
            }
        }

        // Read in a cycle, a cache that emptied or evicted the oldest first would hit nothing.
        var hits = Enumerable.Range(0, workingSet).Count(i => cache.TryGet(BitConverter.GetBytes(i), out _));
        Assert.InRange(hits, StateReadCache.MaxEntries / 2, StateReadCache.MaxEntries);
        cache.Keep(Key, [2], cache.Epoch);
        Assert.True(cache.TryGet(Key, out _));
    }

    [Fact]
    public void The_cache_stays_within_its_byte_budget()
    {
        var cache = new StateReadCache();
        var value = new byte[StateReadCache.MaxValueBytes];
        var fit = (int)(StateReadCache.MaxBytes / (StateReadCache.MaxValueBytes + sizeof(int)));
        for (var i = 0; i < fit; i++)
        {
            cache.Keep(BitConverter.GetBytes(i), value, cache.Epoch);
        }

        Assert.True(cache.Count < fit);
        Assert.True(cache.TryGet(BitConverter.GetBytes(fit - 1), out _));
    }
}
