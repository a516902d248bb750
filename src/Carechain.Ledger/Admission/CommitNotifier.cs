using System.Collections.Concurrent;
using System.Collections.Immutable;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Admission;

/// <summary>
/// Lets a submitter wait until its transaction is durably committed, and get the receipt; and lets a
/// reader of state wait for the next committed block (<see cref="NextBlock"/>) instead of polling; and
/// hands the receipts of every committed block to its observers (<see cref="Observe"/>).
/// </summary>
public sealed class CommitNotifier
{
    private readonly ConcurrentDictionary<TxId, TaskCompletionSource<Receipt>> _waiters = new();
    private TaskCompletionSource _nextBlock = NewSignal();
    private ImmutableArray<Action<IReadOnlyList<Receipt>>> _observers = [];

    /// <summary>
    /// Completes when the next block is durably committed, however it came (produced, delivered by
    /// consensus, fetched from a peer). Take it before reading state, then await it: a block that
    /// commits in between completes it, so none is missed.
    /// </summary>
    public Task NextBlock => Volatile.Read(ref _nextBlock).Task;

    /// <summary>Registers interest in a transaction; call before admitting it so no commit is missed.</summary>
    public Task<Receipt> Register(TxId id) =>
        _waiters.GetOrAdd(id, static _ => new TaskCompletionSource<Receipt>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(TxId id) => _waiters.TryRemove(id, out _);

    /// <summary>
    /// Calls <paramref name="observer"/> with the receipts of every block committed from now on, however
    /// it came, on the committing thread before <see cref="NextBlock"/> completes: it must be quick (hand
    /// real work to another thread) and must not throw. A block's receipts are read from memory, so an
    /// observer costs no store reads.
    /// </summary>
    public void Observe(Action<IReadOnlyList<Receipt>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ImmutableInterlocked.Update(ref _observers, (all, added) => all.Add(added), observer);
    }

    public void Committed(IReadOnlyList<Receipt> receipts)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        foreach (var observer in _observers)
        {
            observer(receipts);
        }

        Interlocked.Exchange(ref _nextBlock, NewSignal()).TrySetResult();
        if (_waiters.IsEmpty)
        {
            return;
        }

        foreach (var receipt in receipts)
        {
            if (_waiters.TryRemove(receipt.TxId, out var waiter))
            {
                waiter.TrySetResult(receipt);
            }
        }
    }

    /// <summary>Fails every waiter of transactions whose block could not be committed.</summary>
    public void Failed(IReadOnlyList<Transaction> transactions, Exception reason)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        foreach (var tx in transactions)
        {
            if (_waiters.TryRemove(tx.Id, out var waiter))
            {
                waiter.TrySetException(reason);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
