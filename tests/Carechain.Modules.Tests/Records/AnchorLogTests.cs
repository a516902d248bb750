using Carechain.Core.Codec;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class AnchorLogTests
{
    [Fact]
    public void Each_entry_is_applied_or_refused_alone()
    {
        using var world = new RecordsWorld();
        var existing = world.AnchorRecord();
        var fresh = Hash256.Sha256([8]);
        var other = Hash256.Sha256([9]);

        // A record may appear once (refused at admission), so no entry depends on another's write.
        Assert.Equal(RecordsErrors.DuplicateRecord, new AnchorLogRequest([Entry(world.Custodian, Anchor(world, existing, 2)), Entry(world.Custodian, Anchor(world, existing, 3))]).Validate());

        var receipt = Log(world, world.Consortium.Nodes[0],
            Entry(world.Custodian, Anchor(world, fresh, 1)),
            Entry(world.Custodian, Anchor(world, existing, 1)),
            Entry(world.Outsider, Anchor(world, other, 1)));

        Assert.Equal(string.Empty, receipt.ErrorCode);
        Assert.Equal(["records.anchored", "records.anchor_refused", "records.anchor_refused"], receipt.Events.Select(e => e.Name));
        Assert.Equal(["0", "1", "2"], receipt.Events.Select(e => Attribute(e, "entry")));
        Assert.Equal([RecordsErrors.VersionConflict, RecordsErrors.NotCustodianNode], receipt.Events.Skip(1).Select(e => Attribute(e, "code")));
        var records = new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName);
        Assert.Equal(world.Custodian.PublicKey, RecordsModule.ReadVersion(records, fresh, 1)!.AnchoredBy);
        Assert.Equal(1, RecordsModule.ReadRecord(records, existing)!.Version);
        Assert.Null(RecordsModule.ReadRecord(records, other));
    }

    [Fact]
    public void Only_a_node_key_may_send_a_log_and_its_payload_round_trips()
    {
        using var world = new RecordsWorld();
        var id = Hash256.Sha256([10]);
        var entry = Entry(world.Custodian, Anchor(world, id, 1));

        Assert.Equal(RecordsErrors.NotCustodianNode, Log(world, world.Custodian, entry).ErrorCode);
        var otherNode = Log(world, world.Consortium.Nodes[1], entry);
        Assert.Equal(RecordsErrors.NotCustodianNode, Attribute(Assert.Single(otherNode.Events), "code"));
        Assert.Null(RecordsModule.ReadRecord(new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName), id));

        var request = new AnchorLogRequest([entry, Entry(world.Outsider, Anchor(world, Hash256.Sha256([11]), 1))]);
        Assert.Equal(request, AnchorLogRequest.Decode(request.Encode()));
        Assert.Equal(LedgerErrors.MalformedPayload, new AnchorLogRequest([]).Validate());
        var tooMany = new AnchorLogRequest([.. Enumerable.Range(0, AnchorLogRequest.MaxEntries + 1).Select(i => Entry(world.Custodian, Anchor(world, Hash256.Sha256(BitConverter.GetBytes(i)), 1)))]);
        Assert.Throws<CodecException>(() => AnchorLogRequest.Decode(tooMany.Encode()));
    }

    private static AnchorOnBehalfRequest Entry(SigningKey member, AnchorVersionRequest anchor) => new(member.PublicKey, anchor);

    private static AnchorVersionRequest Anchor(RecordsWorld world, Hash256 id, long version) =>
        new(id, world.Patient.PublicKey, "Observation", version, Hash256.Sha256(BitConverter.GetBytes(version)));

    private static Receipt Log(RecordsWorld world, SigningKey author, params AnchorOnBehalfRequest[] entries) =>
        world.Run(author, AnchorLogRequest.Operation, new AnchorLogRequest(entries).Encode());

    private static string Attribute(LedgerEvent e, string key) => e.Attributes.Single(a => a.Key == key).Value;
}
