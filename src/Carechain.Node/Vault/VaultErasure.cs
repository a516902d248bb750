using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
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
/// is carried out then; erasing twice changes nothing.
/// </summary>
internal sealed partial class VaultErasure(NodeRuntime node, NodeVault vault, ILogger<VaultErasure> logger) : BackgroundService
{
    private const string ErasedEvent = "records.erased";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var nextBlock = node.Notifier.NextBlock;
        var done = node.Chain.Head.Height;
        var permissions = new Permissions(node.Store, node.Chain.Genesis);
        if (permissions.OrganisationOf(node.NodeKey.PublicKey) is { } own)
        {
            foreach (var anchor in node.RecordHeads.Kept(node.Store, own).Where(a => a.IsErased))
            {
                await EraseAsync(anchor.RecordId.ToString(), stoppingToken).ConfigureAwait(false);
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await nextBlock.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            nextBlock = node.Notifier.NextBlock;
            var head = node.Chain.Head.Height;
            var organisation = node.PermissionsAtHead().OrganisationOf(node.NodeKey.PublicKey)?.Value;
            for (var height = done + 1; height <= head; height++)
            {
                foreach (var record in ErasedIn(height, organisation))
                {
                    await EraseAsync(record, stoppingToken).ConfigureAwait(false);
                }
            }

            done = head;
        }
    }

    /// <summary>The records of <paramref name="custodian"/> erased by the transactions of the block at <paramref name="height"/>.</summary>
    private IEnumerable<string> ErasedIn(long height, string? custodian)
    {
        if (custodian is null || node.Store.ReadBlock(height) is not { } block)
        {
            yield break;
        }

        foreach (var id in block.TxIds)
        {
            foreach (var erased in node.Store.ReadReceipt(id)?.Events.Where(e => e.Name == ErasedEvent) ?? [])
            {
                var attributes = erased.Attributes.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
                if (attributes.GetValueOrDefault("custodian") == custodian && attributes.GetValueOrDefault("record") is { } record)
                {
                    yield return record;
                }
            }
        }
    }

    private async Task EraseAsync(string record, CancellationToken cancellationToken)
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
            // The chain already refuses every read of it; the sweep at the next start tries again.
            LogFailed(logger, record, ex);
        }
    }

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Record {RecordId} erased on the chain: its keys and ciphertext are destroyed in the vault")]
    private static partial void LogErased(ILogger logger, string recordId);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Error, Message = "Record {RecordId} erased on the chain could not be erased in the vault; retried at the next start")]
    private static partial void LogFailed(ILogger logger, string recordId, Exception exception);
}
