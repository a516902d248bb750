using Carechain.Ledger.Admission;

namespace Carechain.Ledger.Tests.Admission;

public sealed class CommitNotifierTests
{
    [Fact]
    public void Next_block_completes_when_a_block_commits_and_a_fresh_one_waits_for_the_block_after()
    {
        var notifier = new CommitNotifier();
        var first = notifier.NextBlock;

        Assert.False(first.IsCompleted);
        notifier.Committed([]);

        Assert.True(first.IsCompletedSuccessfully);
        Assert.NotSame(first, notifier.NextBlock);
        Assert.False(notifier.NextBlock.IsCompleted);
    }
}
