using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Records.Access;

namespace Carechain.Modules.Records;

/// <summary>
/// Access events: a node of the record's custodian records a read it is about to serve; the event
/// is accepted only if <see cref="AccessPolicy"/> allows the read at this block's time. A batch
/// records several reads of one patient's records in one transaction, all or nothing. A log
/// records reads of many callers in one transaction, each allowed or refused on its own.
/// </summary>
public sealed partial class RecordsModule
{
    private const string AccessedEvent = "records.accessed";
    private const string AccessRefusedEvent = "records.access_refused";

    private static ModuleResult RecordAccess(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AccessRequest request)
    {
        var (accessEvent, error) = DecideAccess(state, new AccessLookups(permissions, tx.Author), tx, block, request.Reader, request.RecordId, request.Purpose);
        return accessEvent is null
            ? ModuleResult.Fail(error)
            : ModuleResult.Ok([new StateWrite(RecordsKeys.PatientAccess(accessEvent.Patient, block.Height, tx.Id.Hash), accessEvent.Encode())], Accessed(accessEvent));
    }

    private static ModuleResult RecordAccessBatch(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AccessBatchRequest request)
    {
        var writes = new List<StateWrite>(request.RecordIds.Count);
        var events = new List<LedgerEvent>(request.RecordIds.Count + 1);
        Ed25519PublicKey? patient = null;
        var lookups = new AccessLookups(permissions, tx.Author);
        for (var i = 0; i < request.RecordIds.Count; i++)
        {
            var (accessEvent, error) = DecideAccess(state, lookups, tx, block, request.Reader, request.RecordIds[i], request.Purpose);
            if (accessEvent is null)
            {
                return ModuleResult.Fail(error);
            }

            if (patient is { } first && first != accessEvent.Patient)
            {
                return ModuleResult.Fail(RecordsErrors.InvalidAccessBatch);
            }

            patient = accessEvent.Patient;
            writes.Add(new StateWrite(RecordsKeys.PatientBatchAccess(accessEvent.Patient, block.Height, tx.Id.Hash, i), accessEvent.Encode()));
            events.Add(Accessed(accessEvent));
        }

        events.Add(LedgerEvent.Of(
            "records.access_batch", ("patient", patient!.Value.ToString()), ("reader", request.Reader.ToString()),
            ("count", request.RecordIds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return ModuleResult.Ok(writes, [.. events]);
    }

    /// <summary>
    /// Each entry decided alone: an access event for each one allowed, a refusal event with its code for
    /// each one refused. The events name their entry by index only (its reader and record are the entry
    /// itself, in the transaction; the stored access event keeps all of it): an access log is written for
    /// every read served, so each byte of it is paid in every block, write-ahead log and compaction.
    /// </summary>
    private static ModuleResult RecordAccessLog(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AccessLogRequest request)
    {
        var lookups = new AccessLookups(permissions, tx.Author);
        if (lookups.NodeOrganisation is null)
        {
            return ModuleResult.Fail(RecordsErrors.NotCustodianNode);
        }

        var writes = new List<StateWrite>(request.Entries.Count);
        var events = new LedgerEvent[request.Entries.Count];
        for (var i = 0; i < request.Entries.Count; i++)
        {
            var entry = request.Entries[i];
            var index = ("entry", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (accessEvent, error) = DecideAccess(state, lookups, tx, block, entry.Reader, entry.RecordId, entry.Purpose);
            if (accessEvent is null)
            {
                events[i] = LedgerEvent.Of(AccessRefusedEvent, index, ("code", error));
                continue;
            }

            writes.Add(new StateWrite(RecordsKeys.PatientBatchAccess(accessEvent.Patient, block.Height, tx.Id.Hash, i), accessEvent.Encode()));
            events[i] = LedgerEvent.Of(AccessedEvent, index, ("basis", accessEvent.Basis.ToString()), ("basisId", accessEvent.BasisId?.ToString() ?? string.Empty));
        }

        return ModuleResult.Ok(writes, events);
    }

    /// <summary>The access event for one read, or the refusal: the author must be a node of the record's custodian, and the policy must allow it now.</summary>
    private static (AccessEvent? Event, string Error) DecideAccess(
        IStateReader state, AccessLookups lookups, Transaction tx, BlockContext block, Ed25519PublicKey reader, Hash256 recordId, string purpose)
    {
        var record = ReadRecord(state, recordId);
        if (record is null)
        {
            return (null, RecordsErrors.UnknownRecord);
        }

        if (lookups.NodeOrganisation is not { } nodeOrganisation || nodeOrganisation != record.Custodian)
        {
            return (null, RecordsErrors.NotCustodianNode);
        }

        var decision = AccessPolicy.Decide(state, record, reader, lookups.StandingOf(reader), purpose, block.TimestampMs);
        if (!decision.Allowed)
        {
            return (null, decision.ErrorCode);
        }

        return (new AccessEvent(
            tx.Id.Hash, reader, recordId, record.Patient, purpose, decision.Basis!.Value, decision.BasisId, tx.Author, block.Height, block.TimestampMs), string.Empty);
    }

    private static LedgerEvent Accessed(AccessEvent accessEvent) =>
        LedgerEvent.Of(
            AccessedEvent, ("record", accessEvent.RecordId.ToString()), ("reader", accessEvent.Reader.ToString()),
            ("basis", accessEvent.Basis.ToString()), ("basisId", accessEvent.BasisId?.ToString() ?? string.Empty));

    /// <summary>
    /// The author's node organisation and each reader's standing, looked up once per transaction: an
    /// access transaction writes only access events, so neither changes while its entries are decided.
    /// </summary>
    private sealed class AccessLookups(Permissions permissions, Ed25519PublicKey author)
    {
        private readonly Dictionary<Ed25519PublicKey, KeyStanding> _standings = [];

        /// <summary>The organisation whose node key authored the transaction; null if the author runs no node.</summary>
        public Ledger.Genesis.OrganisationId? NodeOrganisation { get; } = permissions.IsNodeKey(author) ? permissions.OrganisationOf(author) : null;

        public KeyStanding StandingOf(Ed25519PublicKey reader)
        {
            if (!_standings.TryGetValue(reader, out var standing))
            {
                standing = permissions.StandingOf(reader);
                _standings[reader] = standing;
            }

            return standing;
        }
    }
}
