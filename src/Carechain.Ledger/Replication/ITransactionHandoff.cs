using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Replication;

/// <summary>
/// Where a replicated node that no longer leads sends the transactions it admitted but could not
/// order: the current leader (its API in production). Nothing is lost in transit: a transaction is
/// forgotten here only once the leader took it, or refused it for good.
/// </summary>
public interface ITransactionHandoff
{
    /// <summary>
    /// Offers <paramref name="transactions"/> (in nonce order per author) to the leader and returns one
    /// result per transaction, in order. Never throws for an unreachable or absent leader: those are
    /// <see cref="HandoffOutcome.Retry"/>.
    /// </summary>
    Task<IReadOnlyList<HandoffResult>> HandOffAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken);
}
