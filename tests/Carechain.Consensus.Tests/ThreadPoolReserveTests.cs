namespace Carechain.Consensus.Tests;

public sealed class ThreadPoolReserveTests
{
    [Fact]
    public async Task Running_members_reserve_pool_workers_and_give_them_back_when_they_stop()
    {
        ThreadPool.GetMinThreads(out var before, out _);
        await using (var cluster = new RaftTestCluster())
        {
            await cluster.StartAllAsync();
            ThreadPool.GetMinThreads(out var running, out _);
            Assert.True(running >= 3 * ThreadPoolReserve.WorkersPerMember, $"minimum {running} workers with 3 members running");
        }

        // Test classes of this assembly run one at a time, so no other member runs now.
        ThreadPool.GetMinThreads(out var after, out _);
        Assert.Equal(before, after);
    }
}
