using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class AnchorBatchTests
{
    [Fact]
    public void A_batch_anchors_every_version_in_one_transaction()
    {
        using var world = new RecordsWorld();
        var updated = world.AnchorRecord();
        var created = Hash256.Sha256([7]);
        var receipt = Batch(world, world.Consortium.Nodes[0], world.Custodian.PublicKey, Anchor(world, created, 1), Anchor(world, updated, 2));

        Assert.Equal(string.Empty, receipt.ErrorCode);
        Assert.Equal(2, receipt.Events.Count(e => e.Name == "records.anchored"));
        var records = new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName);
        Assert.Equal(1, RecordsModule.ReadRecord(records, created)!.Version);
        Assert.Equal(2, RecordsModule.ReadRecord(records, updated)!.Version);
        Assert.Equal(world.Custodian.PublicKey, RecordsModule.ReadVersion(records, created, 1)!.AnchoredBy);
    }

    [Fact]
    public void One_refused_anchor_fails_the_batch_and_applies_none()
    {
        using var world = new RecordsWorld();
        var existing = world.AnchorRecord();
        var fresh = Hash256.Sha256([8]);

        // The second anchor repeats version 1 of a record that has it.
        var receipt = Batch(world, world.Consortium.Nodes[0], world.Custodian.PublicKey, Anchor(world, fresh, 1), Anchor(world, existing, 1));

        Assert.Equal(RecordsErrors.VersionConflict, receipt.ErrorCode);
        var records = new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName);
        Assert.Null(RecordsModule.ReadRecord(records, fresh));
        Assert.Equal(1, RecordsModule.ReadRecord(records, existing)!.Version);
    }

    [Fact]
    public void Only_a_node_of_the_members_organisation_anchors_a_batch_and_a_record_appears_once()
    {
        using var world = new RecordsWorld();
        var id = Hash256.Sha256([9]);

        Assert.Equal(RecordsErrors.NotCustodianNode, Batch(world, world.Custodian, world.Custodian.PublicKey, Anchor(world, id, 1)).ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodianNode, Batch(world, world.Consortium.Nodes[1], world.Custodian.PublicKey, Anchor(world, id, 1)).ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodianNode, Batch(world, world.Consortium.Nodes[0], world.Outsider.PublicKey, Anchor(world, id, 1)).ErrorCode);

        // Refused at admission (CheckPayload), so such a transaction never reaches a block.
        Assert.Equal(RecordsErrors.DuplicateRecord, new AnchorBatchOnBehalfRequest(world.Custodian.PublicKey, [Anchor(world, id, 1), Anchor(world, id, 2)]).Validate());
        Assert.Equal(LedgerErrors.MalformedPayload, new AnchorBatchOnBehalfRequest(world.Custodian.PublicKey, []).Validate());
        Assert.Null(RecordsModule.ReadRecord(new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName), id));
    }

    [Fact]
    public void The_payload_round_trips_and_refuses_more_than_the_limit()
    {
        using var key = SigningKey.Generate();
        var anchors = Enumerable.Range(0, AnchorBatchOnBehalfRequest.MaxAnchors + 1)
            .Select(i => new AnchorVersionRequest(Hash256.Sha256(BitConverter.GetBytes(i)), key.PublicKey, "Observation", 1, Hash256.Sha256([2])))
            .ToArray();
        var full = new AnchorBatchOnBehalfRequest(key.PublicKey, anchors[..AnchorBatchOnBehalfRequest.MaxAnchors]);
        Assert.Equal(full, AnchorBatchOnBehalfRequest.Decode(full.Encode()));
        Assert.True(full.Encode().Length < Ledger.Transactions.TransactionLimits.MaxPayloadBytes);
        Assert.Throws<CodecException>(() => AnchorBatchOnBehalfRequest.Decode(new AnchorBatchOnBehalfRequest(key.PublicKey, anchors).Encode()));
    }

    private static AnchorVersionRequest Anchor(RecordsWorld world, Hash256 id, long version) =>
        new(id, world.Patient.PublicKey, "Observation", version, Hash256.Sha256([.. id.ToArray(), (byte)version]));

    private static Receipt Batch(RecordsWorld world, SigningKey author, Ed25519PublicKey requestedBy, params AnchorVersionRequest[] anchors) =>
        world.Run(author, AnchorBatchOnBehalfRequest.Operation, new AnchorBatchOnBehalfRequest(requestedBy, anchors).Encode());
}
