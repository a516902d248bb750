using System.Threading.Channels;
using Carechain.Ledger.Execution;
using Carechain.Modules.Governance;
using Carechain.Node.Hosting;
using Carechain.Vault.Records;
using Carechain.Vault.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Carechain.Node.Vault;

/// <summary>
/// Carries the chain's erasures out in this node's vault (crypto-shredding, docs/vault.md): for every
/// <c>records.erased</c> event of a record this node's organisation keeps, both wrapped data keys and the
/// ciphertext of every version are destroyed (<see cref="IVaultStore.EraseAsync"/>). Reads and searches
/// already refuse an erased record from the chain's head; this makes the vault copy go too. At start it
/// sweeps every erased head its organisation keeps, so an erasure whose block committed while the vault
/// was not shredded (a crash in between, a vault restored from a backup, a store older than this service)
/// is carried out then; erasing twice changes nothing. An erasure the vault fails (a database
/// down, a disk error) is tried again after a delay that doubles from one second up to five minutes,
/// until it succeeds or the node stops (then the next start's sweep has it).
/// </summary>
internal sealed partial class VaultErasure(NodeRuntime node, NodeVault vault, ILogger<VaultErasure> logger) : BackgroundService
{
    private const string ErasedEvent = "records.erased";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    /// <summary>Erasures seen in committed blocks (custodian organisation, record id), in commit order, and failed ones due again (with the attempts made).</summary>
    private readonly Channel<(string Custodian, string Record, int Failed)> _erased =
        Channel.CreateUnbounded<(string, string, int)>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();

        // Observing first: an erasure that commits during the sweep is queued, not missed (erasing twice changes nothing).
        node.Notifier.Observe(Queue);
        try
        {
            var permissions = new Permissions(node.Store, node.Chain.Genesis);
            if (permissions.OrganisationOf(node.NodeKey.PublicKey) is { } own)
            {
                foreach (var anchor in node.RecordHeads.Kept(node.Store, own).Where(a => a.IsErased))
                {
                    await EraseAsync(own.Value, anchor.RecordId.ToString(), failed: 0, stoppingToken).ConfigureAwait(false);
                }
            }

            await foreach (var (custodian, record, failed) in _erased.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (node.PermissionsAtHead().OrganisationOf(node.NodeKey.PublicKey)?.Value == custodian)
                {
                    await EraseAsync(custodian, record, failed, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: what is still queued is erased by the sweep at the next start.
        }
        finally
        {
            _erased.Writer.TryComplete();
        }
    }

    /// <summary>On the committing thread: only picks the block's erasure events out of its receipts.</summary>
    private void Queue(IReadOnlyList<Receipt> receipts)
    {
        foreach (var receipt in receipts)
        {
            foreach (var e in receipt.Events)
            {
                if (e.Name == ErasedEvent && Attribute(e, "custodian") is { } custodian && Attribute(e, "record") is { } record)
                {
                    _erased.Writer.TryWrite((custodian, record, 0));
                }
            }
        }
    }

    private static string? Attribute(LedgerEvent e, string key)
    {
        foreach (var (name, value) in e.Attributes)
        {
            if (name == key)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Erases <paramref name="record"/> in the vault; if the vault fails, queues it again after a delay (<paramref name="failed"/>: the attempts that failed before).</summary>
    private async Task EraseAsync(string custodian, string record, int failed, CancellationToken cancellationToken)
    {
        try
        {
            if ((await vault.Records.Store.EraseAsync(RecordId.Parse(record), cancellationToken).ConfigureAwait(false)).Status == ErasureStatus.Erased)
            {
                LogErased(logger, record);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The chain already refuses every read of it; the vault copy goes once the vault works again.
            var delay = RetryDelay(failed + 1);
            LogFailed(logger, record, failed + 1, delay, ex);
            _ = RetryAsync((custodian, record, failed + 1), delay, cancellationToken);
        }
    }

    private async Task RetryAsync((string Custodian, string Record, int Failed) due, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            _erased.Writer.TryWrite(due);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the sweep at the next start erases it.
        }
    }

    /// <summary>One second after the first failure, doubling with each further one, at most five minutes.</summary>
    internal static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 9)));

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Record {RecordId} erased on the chain: its keys and ciphertext are destroyed in the vault")]
    private static partial void LogErased(ILogger logger, string recordId);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Error, Message = "Record {RecordId} erased on the chain could not be erased in the vault (attempt {Attempt}); trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, string recordId, int attempt, TimeSpan delay, Exception exception);
}
