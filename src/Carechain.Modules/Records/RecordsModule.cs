using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;

namespace Carechain.Modules.Records;

/// <summary>
/// Patient records and consent: custodians anchor record versions (hashes only), patients grant,
/// revoke and erase, emergency members break the glass, and custodian nodes record every read
/// served as an access event that <see cref="AccessPolicy"/> allowed at block time. One facet file
/// per concept lives in that concept's folder.
/// </summary>
public sealed partial class RecordsModule : ILedgerModule
{
    public const string ModuleName = "records";

    public string Name => ModuleName;

    public bool HandlesOperation(string operation) =>
        operation is AnchorVersionRequest.Operation or AnchorOnBehalfRequest.Operation or AnchorBatchOnBehalfRequest.Operation or GrantRequest.Operation or RevokeRequest.Operation
            or BreakGlassRequest.Operation or AccessRequest.Operation or EraseRequest.Operation or ReviewRequest.Operation or AccessBatchRequest.Operation
            or AccessLogRequest.Operation or AnchorLogRequest.Operation;

    public string? CheckPayload(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            var payload = transaction.Payload.Span;
            switch (transaction.Operation)
            {
                case AnchorVersionRequest.Operation:
                    return AnchorVersionRequest.Decode(payload).Validate();
                case AnchorOnBehalfRequest.Operation:
                    return AnchorOnBehalfRequest.Decode(payload).Validate();
                case AnchorBatchOnBehalfRequest.Operation:
                    return AnchorBatchOnBehalfRequest.Decode(payload).Validate();
                case GrantRequest.Operation:
                    return GrantRequest.Decode(payload).Validate();
                case RevokeRequest.Operation:
                    RevokeRequest.Decode(payload);
                    return null;
                case BreakGlassRequest.Operation:
                    return BreakGlassRequest.Decode(payload).Validate();
                case AccessRequest.Operation:
                    return AccessRequest.Decode(payload).Validate();
                case AccessBatchRequest.Operation:
                    return AccessBatchRequest.Decode(payload).Validate();
                case AccessLogRequest.Operation:
                    return AccessLogRequest.Decode(payload).Validate();
                case AnchorLogRequest.Operation:
                    return AnchorLogRequest.Decode(payload).Validate();
                case ReviewRequest.Operation:
                    return ReviewRequest.Decode(payload).Validate();
                default:
                    EraseRequest.Decode(payload);
                    return null;
            }
        }
        catch (CodecException)
        {
            return LedgerErrors.MalformedPayload;
        }
    }

    public ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        var refusal = CheckPayload(transaction);
        if (refusal is not null)
        {
            return ModuleResult.Fail(refusal);
        }

        // Records writes neither identity nor governance, so standings read for one entry hold for the
        // whole transaction: an anchor or access log of many entries reads each key's standing once.
        var permissions = Permissions.InModule(state, block).Remembering();
        var payload = transaction.Payload.Span;
        return transaction.Operation switch
        {
            AnchorVersionRequest.Operation => Anchor(state, permissions, transaction, block, AnchorVersionRequest.Decode(payload)),
            AnchorOnBehalfRequest.Operation => AnchorOnBehalf(state, permissions, transaction, block, AnchorOnBehalfRequest.Decode(payload)),
            AnchorBatchOnBehalfRequest.Operation => AnchorBatchOnBehalf(state, permissions, transaction, block, AnchorBatchOnBehalfRequest.Decode(payload)),
            GrantRequest.Operation => Grant(state, permissions, transaction, block, GrantRequest.Decode(payload)),
            RevokeRequest.Operation => Revoke(state, transaction, block, RevokeRequest.Decode(payload)),
            BreakGlassRequest.Operation => OpenBreakGlass(permissions, transaction, block, BreakGlassRequest.Decode(payload)),
            ReviewRequest.Operation => Review(state, permissions, transaction, block, ReviewRequest.Decode(payload)),
            AccessRequest.Operation => RecordAccess(state, permissions, transaction, block, AccessRequest.Decode(payload)),
            AccessBatchRequest.Operation => RecordAccessBatch(state, permissions, transaction, block, AccessBatchRequest.Decode(payload)),
            AccessLogRequest.Operation => RecordAccessLog(state, permissions, transaction, block, AccessLogRequest.Decode(payload)),
            AnchorLogRequest.Operation => AnchorLog(state, permissions, transaction, block, AnchorLogRequest.Decode(payload)),
            _ => Erase(state, transaction, block, EraseRequest.Decode(payload)),
        };
    }

    public static RecordAnchor? ReadRecord(IStateReader records, Hash256 recordId)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Get(RecordsKeys.Record(recordId)) is { } bytes ? RecordAnchor.Decode(bytes) : null;
    }

    public static RecordVersion? ReadVersion(IStateReader records, Hash256 recordId, long version)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Get(RecordsKeys.Version(recordId, version)) is { } bytes ? RecordVersion.Decode(bytes) : null;
    }

    public static ConsentGrant? ReadGrant(IStateReader records, Hash256 grantId)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Get(RecordsKeys.Grant(grantId)) is { } bytes ? ConsentGrant.Decode(bytes) : null;
    }

    public static BreakGlassRecord? ReadBreakGlass(IStateReader records, Hash256 id)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Get(RecordsKeys.BreakGlass(id)) is { } bytes ? BreakGlassRecord.Decode(bytes) : null;
    }

    public static BreakGlassReview? ReadReview(IStateReader records, Hash256 breakGlassId)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Get(RecordsKeys.BreakGlassReview(breakGlassId)) is { } bytes ? BreakGlassReview.Decode(bytes) : null;
    }

    public static BreakGlassRecord? ReadLatestBreakGlass(IStateReader records, Ed25519PublicKey patient, Ed25519PublicKey requester)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Get(RecordsKeys.LatestBreakGlass(patient, requester)) is { } id ? ReadBreakGlass(records, Hash256.Read(id)) : null;
    }

    /// <summary>The ids of the grants a patient gave one grantee that are not revoked (some may have expired).</summary>
    public static IReadOnlyList<Hash256> ReadLiveGrantIds(IStateReader records, Ed25519PublicKey patient, Hash256 granteeId)
    {
        ArgumentNullException.ThrowIfNull(records);
        var bytes = records.Get(RecordsKeys.LiveGrants(patient, granteeId));
        if (bytes is null)
        {
            return [];
        }

        var ids = new Hash256[bytes.Length / Hash256.Size];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Hash256.Read(bytes.AsSpan(i * Hash256.Size, Hash256.Size));
        }

        return ids;
    }

    private static StateWrite LiveGrantsWrite(Ed25519PublicKey patient, Hash256 granteeId, List<Hash256> ids)
    {
        var bytes = new byte[ids.Count * Hash256.Size];
        for (var i = 0; i < ids.Count; i++)
        {
            ids[i].WriteTo(bytes.AsSpan(i * Hash256.Size));
        }

        return new StateWrite(RecordsKeys.LiveGrants(patient, granteeId), ids.Count == 0 ? null : bytes);
    }
}
