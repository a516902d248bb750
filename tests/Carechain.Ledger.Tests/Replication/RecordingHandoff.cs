using System.Collections.Concurrent;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Tests.Replication;

/// <summary>A leader that takes every transaction offered to it, and remembers them in order.</summary>
internal sealed class RecordingHandoff : ITransactionHandoff
{
    public ConcurrentQueue<Transaction> Received { get; } = new();

    public Task<IReadOnlyList<HandoffResult>> HandOffAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken)
    {
        foreach (var tx in transactions)
        {
            Received.Enqueue(tx);
        }

        return Task.FromResult<IReadOnlyList<HandoffResult>>([.. transactions.Select(_ => HandoffResult.Taken)]);
    }
}
