using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class AnchorOnBehalfTests
{
    [Fact]
    public void Only_a_custodian_node_anchors_on_behalf_and_only_of_its_own_clinical_member()
    {
        using var world = new RecordsWorld();
        var id = Hash256.Sha256([9]);
        var custodianNode = world.Consortium.Nodes[0];
        var auditor = world.Member("auditor", 1);

        Assert.Equal(RecordsErrors.NotCustodianNode, AnchorFor(world, world.Custodian, world.Custodian.PublicKey, id, 1).ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodianNode, AnchorFor(world, world.Consortium.Nodes[1], world.Custodian.PublicKey, id, 1).ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodianNode, AnchorFor(world, custodianNode, world.Outsider.PublicKey, id, 1).ErrorCode);
        Assert.Equal(RecordsErrors.NotClinical, AnchorFor(world, custodianNode, auditor.PublicKey, id, 1).ErrorCode);
        Assert.Equal(RecordsErrors.VersionConflict, AnchorFor(world, custodianNode, world.Custodian.PublicKey, id, 2).ErrorCode);
        Assert.Equal(string.Empty, AnchorFor(world, custodianNode, world.Custodian.PublicKey, id, 1).ErrorCode);

        var records = new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName);
        Assert.Equal(Consortium.Org(1), RecordsModule.ReadRecord(records, id)!.Custodian);
        Assert.Equal(world.Custodian.PublicKey, RecordsModule.ReadVersion(records, id, 1)!.AnchoredBy);
    }

    [Fact]
    public void The_payload_round_trips()
    {
        using var key = SigningKey.Generate();
        var request = new AnchorOnBehalfRequest(key.PublicKey, new AnchorVersionRequest(Hash256.Sha256([1]), key.PublicKey, "Observation", 3, Hash256.Sha256([2])));
        Assert.Equal(request, AnchorOnBehalfRequest.Decode(request.Encode()));
    }

    private static Ledger.Execution.Receipt AnchorFor(RecordsWorld world, SigningKey author, Ed25519PublicKey requestedBy, Hash256 id, long version) =>
        world.Run(author, AnchorOnBehalfRequest.Operation, new AnchorOnBehalfRequest(
            requestedBy, new AnchorVersionRequest(id, world.Patient.PublicKey, "Observation", version, Hash256.Sha256(id.ToArray()))).Encode());
}
