using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class AccessBatchTests
{
    [Fact]
    public void A_batch_stores_one_access_event_per_record_under_one_transaction()
    {
        using var world = new RecordsWorld();
        var first = world.AnchorRecord();
        var second = world.AnchorRecord("Condition");

        var receipt = Batch(world, world.Custodian, [first, second]);

        Assert.Equal(string.Empty, receipt.ErrorCode);
        Assert.Equal(2, receipt.Events.Count(e => e.Name == "records.accessed"));
        Assert.Single(receipt.Events, e => e.Name == "records.access_batch");
        var events = AccessEvents(world);
        Assert.Equal([first, second], events.Select(e => e.RecordId));
        Assert.All(events, e => Assert.Equal((AccessBasis.Custodian, world.Custodian.PublicKey, world.Patient.PublicKey), (e.Basis, e.Reader, e.Patient)));
        Assert.Single(events.Select(e => e.TxId).Distinct());
    }

    [Fact]
    public void A_batch_with_one_read_not_allowed_is_refused_whole_and_stores_nothing()
    {
        using var world = new RecordsWorld();
        var granted = world.AnchorRecord();
        var other = world.AnchorRecord();
        Assert.Equal(string.Empty, world.Grant(Grantee.Of(world.Outsider.PublicKey), new ConsentScope([], [granted]), world.NowMs + 3_600_000).ErrorCode);

        Assert.Equal(RecordsErrors.NoConsent, Batch(world, world.Outsider, [granted, other]).ErrorCode);
        Assert.Empty(AccessEvents(world));
        Assert.Equal(string.Empty, Batch(world, world.Outsider, [granted]).ErrorCode);
        Assert.Equal(AccessBasis.Grant, Assert.Single(AccessEvents(world)).Basis);
    }

    [Fact]
    public void A_batch_names_distinct_records_of_one_patient_and_comes_from_the_custodians_node()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        var otherPatient = world.Consortium.NewKey();
        Assert.Equal(string.Empty, world.Consortium.Run(otherPatient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Other", IdentityRole.Patient)).ErrorCode);
        var theirs = world.AnchorRecord(patient: otherPatient);

        Assert.Equal(RecordsErrors.InvalidAccessBatch, Batch(world, world.Custodian, [record, theirs]).ErrorCode);
        Assert.Equal(RecordsErrors.InvalidAccessBatch, new AccessBatchRequest(world.Custodian.PublicKey, PurposeOfUse.Treatment, [record, record]).Validate());
        Assert.Equal(RecordsErrors.InvalidAccessBatch, new AccessBatchRequest(world.Custodian.PublicKey, PurposeOfUse.Treatment, []).Validate());
        Assert.Equal(RecordsErrors.InvalidPurpose, new AccessBatchRequest(world.Custodian.PublicKey, "NOPE", [record]).Validate());
        Assert.Equal(RecordsErrors.NotCustodianNode, Batch(world, world.Custodian, [record], node: 1).ErrorCode);
        Assert.Equal(RecordsErrors.UnknownRecord, Batch(world, world.Custodian, [record, Hash256.Sha256([42])]).ErrorCode);
        Assert.Empty(AccessEvents(world));
    }

    [Fact]
    public void The_payload_round_trips_and_a_batch_over_the_limit_does_not_decode()
    {
        using var key = Core.Crypto.SigningKey.Generate();
        var request = new AccessBatchRequest(key.PublicKey, PurposeOfUse.Treatment, [Hash256.Sha256([1]), Hash256.Sha256([2])]);
        var decoded = AccessBatchRequest.Decode(request.Encode());
        Assert.Equal((request.Reader, request.Purpose), (decoded.Reader, decoded.Purpose));
        Assert.Equal(request.RecordIds, decoded.RecordIds);

        var tooMany = new AccessBatchRequest(key.PublicKey, PurposeOfUse.Treatment, [.. Enumerable.Range(0, AccessBatchRequest.MaxRecords + 1).Select(i => Hash256.Sha256(BitConverter.GetBytes(i)))]);
        Assert.Throws<Core.Codec.CodecException>(() => AccessBatchRequest.Decode(tooMany.Encode()));
    }

    private static Ledger.Execution.Receipt Batch(RecordsWorld world, Core.Crypto.SigningKey reader, Hash256[] records, int node = 0) =>
        world.Run(world.Consortium.Nodes[node], AccessBatchRequest.Operation, new AccessBatchRequest(reader.PublicKey, PurposeOfUse.Treatment, records).Encode());

    private static List<AccessEvent> AccessEvents(RecordsWorld world) =>
        [.. world.Consortium.Chain.Store.ScanState(StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PatientAccessPrefix(world.Patient.PublicKey)), null, 100)
            .Select(e => AccessEvent.Decode(e.Value))];
}
