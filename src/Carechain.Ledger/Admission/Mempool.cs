using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Admission;

/// <summary>
/// Transactions admitted but not yet in a block, in arrival order. Admission only accepts a
/// key's next nonce, so arrival order is nonce order for every author and any prefix of the
/// queue is a valid block. A transaction stays known (for duplicate detection) until committed.
/// </summary>
public sealed class Mempool(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<Transaction> _queue = new();
    private readonly Dictionary<Ed25519PublicKey, (ulong LastNonce, int Count)> _authors = [];
    private readonly HashSet<TxId> _known = [];
    private TaskCompletionSource _work = NewSignal();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// Adds a verified transaction if its nonce is its author's next one. <paramref name="committedNonce"/>
    /// is asked only for authors with nothing pending, under the lock, so the check is race-free.
    /// </summary>
    public AdmissionResult TryAdd(Transaction tx, Func<Ed25519PublicKey, ulong> committedNonce)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(committedNonce);
        lock (_lock)
        {
            if (_known.Contains(tx.Id))
            {
                return new AdmissionResult(AdmissionStatus.AlreadyPending, tx.Id, string.Empty, string.Empty);
            }

            var last = _authors.TryGetValue(tx.Author, out var pending) ? pending.LastNonce : committedNonce(tx.Author);
            if (tx.Nonce <= last)
            {
                return AdmissionResult.Refuse(tx.Id, LedgerErrors.NonceReplay, $"nonce {tx.Nonce} was already used; the next nonce is {last + 1}");
            }

            if (tx.Nonce > last + 1)
            {
                return AdmissionResult.Refuse(tx.Id, LedgerErrors.NonceGap, $"nonce {tx.Nonce} skips ahead; the next nonce is {last + 1}");
            }

            if (_queue.Count >= capacity)
            {
                return AdmissionResult.Refuse(tx.Id, LedgerErrors.MempoolFull, $"the node holds {capacity} pending transactions; retry shortly");
            }

            _queue.Enqueue(tx);
            _known.Add(tx.Id);
            _authors[tx.Author] = (tx.Nonce, pending.Count + 1);
            _work.TrySetResult();
            return new AdmissionResult(AdmissionStatus.Accepted, tx.Id, string.Empty, string.Empty);
        }
    }

    /// <summary>The next pending nonce of an author, or null when nothing of theirs is pending.</summary>
    public ulong? LastPendingNonce(Ed25519PublicKey author)
    {
        lock (_lock)
        {
            return _authors.TryGetValue(author, out var pending) ? pending.LastNonce : null;
        }
    }

    /// <summary>Removes up to <paramref name="max"/> transactions from the head of the queue.</summary>
    public IReadOnlyList<Transaction> Take(int max)
    {
        lock (_lock)
        {
            var count = Math.Min(max, _queue.Count);
            var batch = new Transaction[count];
            for (var i = 0; i < count; i++)
            {
                batch[i] = _queue.Dequeue();
            }

            if (_queue.Count == 0)
            {
                _work = NewSignal();
            }

            return batch;
        }
    }

    /// <summary>
    /// Puts transactions taken by <see cref="Take"/> back at the head of the queue, in their order,
    /// ahead of whatever was admitted since: their block was not ordered (leadership changed), so they
    /// are proposed again or handed to the new leader. They stayed known meanwhile, so admission went
    /// on after their nonces and the queue stays in nonce order per author.
    /// </summary>
    public void Requeue(IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        if (transactions.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var rest = _queue.ToArray();
            _queue.Clear();
            foreach (var tx in transactions)
            {
                _queue.Enqueue(tx);
            }

            foreach (var tx in rest)
            {
                _queue.Enqueue(tx);
            }

            _work.TrySetResult();
        }
    }

    /// <summary>Forgets transactions once their block is durably committed (or their block failed).</summary>
    public void Release(IReadOnlyList<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        lock (_lock)
        {
            foreach (var tx in transactions)
            {
                _known.Remove(tx.Id);
                var pending = _authors[tx.Author];
                if (pending.Count == 1)
                {
                    _authors.Remove(tx.Author);
                }
                else
                {
                    _authors[tx.Author] = (pending.LastNonce, pending.Count - 1);
                }
            }
        }
    }

    /// <summary>Completes when at least one transaction is queued.</summary>
    public Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _work.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
