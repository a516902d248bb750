using Carechain.Core.Hashing;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;

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

    [Fact]
    public void Observers_get_the_receipts_of_every_block_committed_after_they_began_observing()
    {
        var notifier = new CommitNotifier();
        var before = new Receipt(new TxId(Hash256.Sha256([1])), 1, 0, ReceiptStatus.Success, string.Empty, []);
        var after = new Receipt(new TxId(Hash256.Sha256([2])), 2, 0, ReceiptStatus.Success, string.Empty, []);
        notifier.Committed([before]);
        var seen = new List<Receipt>();
        var blockDoneFirst = false;
        notifier.Observe(receipts =>
        {
            blockDoneFirst |= notifier.NextBlock.IsCompleted;
            seen.AddRange(receipts);
        });
        var next = notifier.NextBlock;

        notifier.Committed([after]);

        Assert.Equal([after], seen);
        Assert.False(blockDoneFirst);
        Assert.True(next.IsCompletedSuccessfully);
    }
}
