using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class AccessLogTests
{
    [Fact]
    public void Each_entry_is_decided_alone_and_only_the_allowed_ones_are_stored()
    {
        using var world = new RecordsWorld();
        var granted = world.AnchorRecord();
        var other = world.AnchorRecord("Condition");
        Assert.Equal(string.Empty, world.Grant(Grantee.Of(world.Outsider.PublicKey), new ConsentScope([], [granted]), world.NowMs + 3_600_000).ErrorCode);

        var receipt = Log(world, [
            new AccessLogEntry(world.Custodian.PublicKey, other, PurposeOfUse.Treatment),
            new AccessLogEntry(world.Outsider.PublicKey, other, PurposeOfUse.Treatment),
            new AccessLogEntry(world.Outsider.PublicKey, granted, PurposeOfUse.Treatment),
            new AccessLogEntry(world.Outsider.PublicKey, Hash256.Sha256([7]), PurposeOfUse.Treatment),
        ]);

        Assert.Equal(string.Empty, receipt.ErrorCode);
        Assert.Equal(["records.accessed", "records.access_refused", "records.accessed", "records.access_refused"], receipt.Events.Select(e => e.Name));
        Assert.Equal(["0", "1", "2", "3"], receipt.Events.Select(e => Attribute(e, "entry")));
        Assert.Equal([RecordsErrors.NoConsent, RecordsErrors.UnknownRecord], receipt.Events.Where(e => e.Name == "records.access_refused").Select(e => Attribute(e, "code")));
        Assert.All(receipt.Events.Where(e => e.Name == "records.accessed"), e => Assert.Equal(["entry", "basis", "basisId"], e.Attributes.Select(a => a.Key)));
        Assert.All(receipt.Events.Where(e => e.Name == "records.access_refused"), e => Assert.Equal(["entry", "code"], e.Attributes.Select(a => a.Key)));
        var stored = AccessEvents(world);
        Assert.Equal([(world.Custodian.PublicKey, other, AccessBasis.Custodian), (world.Outsider.PublicKey, granted, AccessBasis.Grant)], stored.Select(e => (e.Reader, e.RecordId, e.Basis)));
        Assert.Single(stored.Select(e => e.TxId).Distinct());
    }

    [Fact]
    public void The_same_read_twice_in_one_log_is_two_access_events()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        var entry = new AccessLogEntry(world.Custodian.PublicKey, record, PurposeOfUse.Treatment);

        Assert.Equal(string.Empty, Log(world, [entry, entry]).ErrorCode);
        Assert.Equal(2, AccessEvents(world).Count);
    }

    [Fact]
    public void A_log_from_a_key_that_is_no_node_is_refused_whole_and_one_from_another_custodians_node_refuses_each_entry()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        var entry = new AccessLogEntry(world.Custodian.PublicKey, record, PurposeOfUse.Treatment);

        Assert.Equal(RecordsErrors.NotCustodianNode, world.Run(world.Custodian, AccessLogRequest.Operation, new AccessLogRequest([entry]).Encode()).ErrorCode);
        var otherNode = Log(world, [entry], node: 1);
        Assert.Equal(string.Empty, otherNode.ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodianNode, Attribute(Assert.Single(otherNode.Events), "code"));
        Assert.Empty(AccessEvents(world));
    }

    [Fact]
    public void The_payload_round_trips_and_bad_payloads_are_refused()
    {
        using var key = Core.Crypto.SigningKey.Generate();
        var request = new AccessLogRequest([new AccessLogEntry(key.PublicKey, Hash256.Sha256([1]), PurposeOfUse.Treatment), new AccessLogEntry(key.PublicKey, Hash256.Sha256([2]), PurposeOfUse.EmergencyTreatment)]);
        Assert.Equal(request, AccessLogRequest.Decode(request.Encode()));

        Assert.Equal(RecordsErrors.InvalidAccessBatch, new AccessLogRequest([]).Validate());
        Assert.Equal(RecordsErrors.InvalidPurpose, new AccessLogRequest([new AccessLogEntry(key.PublicKey, Hash256.Sha256([1]), "NOPE")]).Validate());
        var tooMany = new AccessLogRequest([.. Enumerable.Range(0, AccessLogRequest.MaxEntries + 1).Select(i => new AccessLogEntry(key.PublicKey, Hash256.Sha256(BitConverter.GetBytes(i)), PurposeOfUse.Treatment))]);
        Assert.Throws<Core.Codec.CodecException>(() => AccessLogRequest.Decode(tooMany.Encode()));
        Assert.Throws<Core.Codec.CodecException>(() => AccessLogRequest.Decode([.. request.Encode(), 0]));
    }

    private static Ledger.Execution.Receipt Log(RecordsWorld world, AccessLogEntry[] entries, int node = 0) =>
        world.Run(world.Consortium.Nodes[node], AccessLogRequest.Operation, new AccessLogRequest(entries).Encode());

    private static string Attribute(Ledger.Execution.LedgerEvent e, string key) => e.Attributes.Single(a => a.Key == key).Value;

    private static List<AccessEvent> AccessEvents(RecordsWorld world) =>
        [.. world.Consortium.Chain.Store.ScanState(StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PatientAccessPrefix(world.Patient.PublicKey)), null, 100)
            .Select(e => AccessEvent.Decode(e.Value))];
}
