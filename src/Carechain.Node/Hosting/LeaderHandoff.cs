using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Replication;
using Carechain.Ledger.Transactions;

namespace Carechain.Node.Hosting;

/// <summary>
/// Hands a deposed leader's pending transactions to the current leader's batch endpoint, as
/// forwarded requests (the leader does not forward them again). A transaction the leader holds or
/// has committed is taken; one it cannot take yet (no room, or its predecessor not yet applied
/// there) or any failure to reach a leader is retried; any other refusal is final.
/// </summary>
internal sealed class LeaderHandoff(ConsortiumMembership membership) : ITransactionHandoff
{
    /// <summary>Transactions per request, well below the batch endpoint's limit.</summary>
    private const int MaxPerRequest = 1_000;

    public async Task<IReadOnlyList<HandoffResult>> HandOffAsync(IReadOnlyList<Transaction> transactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var results = new List<HandoffResult>(transactions.Count);
        var leader = membership.IsLeader ? null : membership.LeaderClient();
        var unavailable = leader is null ? "no other member is known to lead" : null;
        for (var offset = 0; offset < transactions.Count; offset += MaxPerRequest)
        {
            var chunk = transactions.Skip(offset).Take(MaxPerRequest).ToList();
            if (unavailable is null)
            {
                try
                {
                    var answer = await leader!.SubmitBatchAsync(chunk, cancellationToken).ConfigureAwait(false);
                    if (answer.Results.Count == chunk.Count)
                    {
                        results.AddRange(answer.Results.Select(ToResult));
                        continue;
                    }

                    unavailable = "the leader answered for another number of transactions";
                }
                catch (CarechainApiException ex)
                {
                    unavailable = $"the leader {membership.Leader?.Id} answered {ex.Code}";
                }
            }

            results.AddRange(chunk.Select(_ => HandoffResult.Retry(unavailable)));
        }

        return results;
    }

    private static HandoffResult ToResult(BatchItemResult item) => item.Status switch
    {
        "pending" or "committed" => HandoffResult.Taken,
        _ when item.Code is LedgerErrors.NonceGap or LedgerErrors.MempoolFull => HandoffResult.Retry($"{item.Code}: {item.Detail}"),
        _ => HandoffResult.Refused($"{item.Code}: {item.Detail}"),
    };
}
