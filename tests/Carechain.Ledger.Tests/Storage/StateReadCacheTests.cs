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
    public void A_value_read_before_a_commit_ended_is_not_kept()
    {
        var cache = new StateReadCache();
        var before = cache.Epoch;
        cache.BeginCommit([]);
        var during = cache.Epoch;
        cache.Keep(Key, [9], before);
        cache.Keep(Key, [9], during);
        Assert.False(cache.TryGet(Key, out _));
        cache.EndCommit();
        cache.Keep(Key, [9], before);
        cache.Keep(Key, [9], during);
        Assert.False(cache.TryGet(Key, out _));

        cache.Keep(Key, [7], cache.Epoch);
        Assert.True(cache.TryGet(Key, out var value));
        Assert.Equal([7], value!);
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
        cache.EndCommit();
    }

    [Fact]
    public void The_cache_stays_bounded_and_never_keeps_large_values()
    {
        var cache = new StateReadCache();
        cache.Keep(Key, new byte[StateReadCache.MaxValueBytes + 1], cache.Epoch);
        Assert.False(cache.TryGet(Key, out _));

        for (var i = 0; i < StateReadCache.MaxEntries; i++)
        {
            cache.Keep(BitConverter.GetBytes(i), [1], cache.Epoch);
        }

        Assert.True(cache.TryGet(BitConverter.GetBytes(0), out _));
        cache.Keep(Key, [2], cache.Epoch);
        Assert.False(cache.TryGet(BitConverter.GetBytes(0), out _));
        Assert.True(cache.TryGet(Key, out _));
    }
}
