using Carechain.Node.Fhir;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>The per-criteria locks conditional creates hold from search to commit.</summary>
public sealed class ConditionalCreateLocksTests
{
    [Fact]
    public async Task The_same_key_waits_for_its_holder_and_other_keys_do_not()
    {
        var locks = new ConditionalCreateLocks();
        var first = await locks.EnterAsync(["Observation?identifier=a"], CancellationToken.None);
        var same = locks.EnterAsync(["Observation?identifier=a"], CancellationToken.None);
        using (await locks.EnterAsync(["Observation?identifier=b", "Condition?identifier=a"], CancellationToken.None))
        {
            Assert.False(same.IsCompleted);
        }

        first.Dispose();
        first.Dispose(); // releasing twice releases once
        using var second = await same;
        var third = locks.EnterAsync(["Observation?identifier=a"], CancellationToken.None);
        Assert.False(third.IsCompleted);
        second.Dispose();
        (await third).Dispose();
    }

    [Fact]
    public async Task A_cancelled_waiter_and_a_transaction_holding_several_keys_release_everything()
    {
        var locks = new ConditionalCreateLocks();
        var held = await locks.EnterAsync(["k2", "k1"], CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = locks.EnterAsync(["k1", "k3"], cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The cancelled waiter holds nothing: k3 is free at once, k1 and k2 as soon as the holder lets go.
        (await locks.EnterAsync(["k3"], CancellationToken.None)).Dispose();
        var both = locks.EnterAsync(["k1", "k2", "k1"], CancellationToken.None);
        Assert.False(both.IsCompleted);
        held.Dispose();
        (await both).Dispose();
        (await locks.EnterAsync(["k1", "k2", "k3"], CancellationToken.None)).Dispose();
    }
}
