using Carechain.Core.Crypto;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records.Anchors;

namespace Carechain.Modules.Records;

/// <summary>
/// Anchors: a clinical member of the custodian organisation anchors each version of a record,
/// either signing the anchor itself or through a node of its organisation (anchor-for, ADR 0009).
/// </summary>
public sealed partial class RecordsModule
{
    private static ModuleResult Anchor(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AnchorVersionRequest request) =>
        AnchorAs(state, permissions, tx, block, request, tx.Author);

    private static ModuleResult AnchorOnBehalf(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AnchorOnBehalfRequest request) =>
        IsNodeOfMembersOrganisation(permissions, tx.Author, request.RequestedBy)
            ? AnchorAs(state, permissions, tx, block, request.Anchor, request.RequestedBy)
            : ModuleResult.Fail(RecordsErrors.NotCustodianNode);

    /// <summary>Every anchor of the batch as anchor-for would apply it, or the first refusal and nothing.</summary>
    private static ModuleResult AnchorBatchOnBehalf(
        IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AnchorBatchOnBehalfRequest request)
    {
        if (!IsNodeOfMembersOrganisation(permissions, tx.Author, request.RequestedBy))
        {
            return ModuleResult.Fail(RecordsErrors.NotCustodianNode);
        }

        // Record ids are distinct (CheckPayload), so each anchor reads only state the batch does not write.
        var writes = new List<StateWrite>(request.Anchors.Count * 3);
        var events = new List<LedgerEvent>(request.Anchors.Count);
        foreach (var anchor in request.Anchors)
        {
            var result = AnchorAs(state, permissions, tx, block, anchor, request.RequestedBy);
            if (!result.Succeeded)
            {
                return result;
            }

            writes.AddRange(result.Writes);
            events.AddRange(result.Events);
        }

        return ModuleResult.Ok(writes, [.. events]);
    }

    /// <summary>Each entry by the anchor-for rules on its own: anchored, or refused with a records.anchor_refused event; the others stand.</summary>
    private static ModuleResult AnchorLog(IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AnchorLogRequest request)
    {
        if (!permissions.IsNodeKey(tx.Author))
        {
            return ModuleResult.Fail(RecordsErrors.NotCustodianNode);
        }

        // Record ids are distinct (CheckPayload), so each entry reads only state the log does not write.
        var writes = new List<StateWrite>(request.Entries.Count * 3);
        var events = new LedgerEvent[request.Entries.Count];
        for (var i = 0; i < request.Entries.Count; i++)
        {
            var entry = request.Entries[i];
            var index = KeyValuePair.Create("entry", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var result = IsNodeOfMembersOrganisation(permissions, tx.Author, entry.RequestedBy)
                ? AnchorAs(state, permissions, tx, block, entry.Anchor, entry.RequestedBy)
                : ModuleResult.Fail(RecordsErrors.NotCustodianNode);
            if (!result.Succeeded)
            {
                events[i] = LedgerEvent.Of(
                    "records.anchor_refused", (index.Key, index.Value), ("record", entry.Anchor.RecordId.ToString()), ("code", result.ErrorCode));
                continue;
            }

            writes.AddRange(result.Writes);
            var anchored = result.Events[0];
            events[i] = new LedgerEvent(anchored.Name, [index, .. anchored.Attributes]);
        }

        return ModuleResult.Ok(writes, events);
    }

    private static bool IsNodeOfMembersOrganisation(Permissions permissions, Ed25519PublicKey node, Ed25519PublicKey member) =>
        permissions.IsNodeKey(node) && permissions.OrganisationOf(node) is { } nodeOrganisation && permissions.OrganisationOf(member) == nodeOrganisation;

    private static ModuleResult AnchorAs(
        IStateReader state, Permissions permissions, Transaction tx, BlockContext block, AnchorVersionRequest request, Ed25519PublicKey author)
    {
        if (!ClinicalRoles.Includes(permissions.RoleOf(author)) || permissions.OrganisationOf(author) is not { } custodian)
        {
            return ModuleResult.Fail(RecordsErrors.NotClinical);
        }

        if (permissions.RoleOf(request.Patient) != IdentityRole.Patient)
        {
            return ModuleResult.Fail(RecordsErrors.UnknownPatient);
        }

        var current = ReadRecord(state, request.RecordId);
        if (current is not null)
        {
            if (current.Custodian != custodian)
            {
                return ModuleResult.Fail(RecordsErrors.NotCustodian);
            }

            if (current.Patient != request.Patient || current.ResourceType != request.ResourceType)
            {
                return ModuleResult.Fail(RecordsErrors.RecordMismatch);
            }

            if (current.IsErased)
            {
                return ModuleResult.Fail(RecordsErrors.RecordErased);
            }
        }

        if (request.Version != (current?.Version ?? 0) + 1)
        {
            return ModuleResult.Fail(RecordsErrors.VersionConflict);
        }

        var anchor = new RecordAnchor(
            request.RecordId, request.Patient, custodian, request.ResourceType, request.Version, request.CiphertextHash, block.Height, block.TimestampMs, null);
        var version = new RecordVersion(request.Version, request.CiphertextHash, author, tx.Id.Hash, block.Height, block.TimestampMs);
        return ModuleResult.Ok(
            [
                new StateWrite(RecordsKeys.Record(request.RecordId), anchor.Encode()),
                new StateWrite(RecordsKeys.Version(request.RecordId, request.Version), version.Encode()),
                new StateWrite(RecordsKeys.PatientRecord(request.Patient, request.RecordId), RecordsKeys.Present),
            ],
            LedgerEvent.Of(
                "records.anchored",
                ("record", request.RecordId.ToString()), ("version", request.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("custodian", custodian.Value), ("hash", request.CiphertextHash.ToString())));
    }
}
