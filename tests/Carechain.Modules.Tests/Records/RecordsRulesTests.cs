using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Tests.Support;

namespace Carechain.Modules.Tests.Records;

public sealed class RecordsRulesTests
{
    [Fact]
    public void Only_a_clinical_member_anchors_and_the_custodian_keeps_the_record()
    {
        using var world = new RecordsWorld();
        var nurseless = world.Member("auditor", 1);
        var id = Core.Hashing.Hash256.Sha256([7]);
        Assert.Equal(RecordsErrors.NotClinical, world.Anchor(nurseless, id, "Observation", 1).ErrorCode);
        Assert.Equal(RecordsErrors.NotClinical, world.Anchor(world.Patient, id, "Observation", 1).ErrorCode);
        Assert.Equal(RecordsErrors.VersionConflict, world.Anchor(world.Custodian, id, "Observation", 2).ErrorCode);
        Assert.Equal(string.Empty, world.Anchor(world.Custodian, id, "Observation", 1).ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodian, world.Anchor(world.Outsider, id, "Observation", 2).ErrorCode);
        Assert.Equal(RecordsErrors.RecordMismatch, world.Anchor(world.Custodian, id, "Condition", 2).ErrorCode);
        Assert.Equal(string.Empty, world.Anchor(world.Custodian, id, "Observation", 2).ErrorCode);
        Assert.Equal(RecordsErrors.VersionConflict, world.Anchor(world.Custodian, id, "Observation", 2).ErrorCode);

        var anchor = RecordsModule.ReadRecord(new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName), id)!;
        Assert.Equal(2, anchor.Version);
        Assert.Equal(Consortium.Org(1), anchor.Custodian);
    }

    [Fact]
    public void A_record_is_anchored_only_for_a_registered_patient()
    {
        using var world = new RecordsWorld();
        var stranger = world.Consortium.NewKey();
        Assert.Equal(RecordsErrors.UnknownPatient, world.Anchor(world.Custodian, Core.Hashing.Hash256.Sha256([1]), "Observation", 1, stranger).ErrorCode);
    }

    [Fact]
    public void Malformed_resource_types_are_refused_at_admission()
    {
        using var world = new RecordsWorld();
        var tx = world.Consortium.Sign(world.Custodian, RecordsModule.ModuleName, "anchor",
            new Modules.Records.Anchors.AnchorVersionRequest(Core.Hashing.Hash256.Sha256([1]), world.Patient.PublicKey, "observation; drop", 1, default).Encode());
        Assert.Equal(RecordsErrors.InvalidResourceType, world.Consortium.Chain.Submit(tx).ErrorCode);
    }

    [Fact]
    public void Non_patient_grant_is_refused()
    {
        using var world = new RecordsWorld();
        var receipt = world.Grant(Grantee.Of(Consortium.Org(2)), RecordsWorld.Types("Observation"), world.NowMs + 60_000, author: world.Custodian);
        Assert.Equal(RecordsErrors.NotPatient, receipt.ErrorCode);
    }

    [Fact]
    public void Clinician_elsewhere_reads_only_after_the_patient_grants()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        Assert.Equal(RecordsErrors.NoConsent, world.Read(world.Outsider, record).ErrorCode);

        var grant = world.Grant(Grantee.Of(Consortium.Org(2)), RecordsWorld.Types("Observation"), world.NowMs + 60_000);
        Assert.Equal(string.Empty, grant.ErrorCode);
        var read = world.Read(world.Outsider, record);
        Assert.Equal(string.Empty, read.ErrorCode);
        Assert.Contains(read.Events, e => e.Name == "records.accessed" && e.Attributes.Any(a => a.Value == grant.TxId.Hash.ToString()));

        // A grant for treatment does not cover research.
        Assert.Equal(RecordsErrors.NoConsent, world.Read(world.Outsider, record, PurposeOfUse.Research).ErrorCode);
    }

    [Fact]
    public void Revoked_grant_denies_read_at_next_block()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        var grant = world.Grant(Grantee.Of(world.Outsider.PublicKey), new ConsentScope([], [record]), world.NowMs + 600_000).TxId.Hash;
        Assert.True(world.Decide(world.Outsider, record).Allowed);

        Assert.Equal(string.Empty, world.Revoke(grant).ErrorCode);
        Assert.Equal(RecordsErrors.NoConsent, world.Read(world.Outsider, record).ErrorCode);
        Assert.Equal(RecordsErrors.AlreadyRevoked, world.Revoke(grant).ErrorCode);
        Assert.True(RecordsModule.ReadGrant(new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName), grant)!.IsRevoked);
    }

    [Fact]
    public void Only_the_granting_patient_revokes()
    {
        using var world = new RecordsWorld();
        world.AnchorRecord();
        var grant = world.Grant(Grantee.Of(Consortium.Org(2)), RecordsWorld.Types("Observation"), world.NowMs + 60_000).TxId.Hash;
        Assert.Equal(RecordsErrors.NotPatient, world.Revoke(grant, world.Outsider).ErrorCode);
        Assert.Equal(RecordsErrors.UnknownGrant, world.Revoke(Core.Hashing.Hash256.Sha256([9])).ErrorCode);
    }

    [Fact]
    public void Expired_grant_denies()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        Assert.Equal(RecordsErrors.GrantExpired, world.Grant(Grantee.Of(Consortium.Org(2)), RecordsWorld.Types("Observation"), world.NowMs).ErrorCode);

        // Blocks are a second apart: a grant ending 2.5 s after the next block's time lives for three blocks.
        Assert.Equal(string.Empty, world.Grant(Grantee.Of(Consortium.Org(2)), RecordsWorld.Types("Observation"), world.NowMs + 3_500).ErrorCode);
        Assert.Equal(string.Empty, world.Read(world.Outsider, record).ErrorCode);
        world.Consortium.AdvanceTo(world.Consortium.Height + 2);
        Assert.Equal(RecordsErrors.NoConsent, world.Read(world.Outsider, record).ErrorCode);
    }

    [Fact]
    public void Organisation_grant_covers_its_clinical_members_only()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        var auditor = world.Member("auditor", 2);
        world.Grant(Grantee.Of(Consortium.Org(2)), RecordsWorld.Types("Observation"), world.NowMs + 60_000);
        Assert.Equal(string.Empty, world.Read(world.Outsider, record).ErrorCode);
        Assert.Equal(RecordsErrors.NoConsent, world.Read(auditor, record).ErrorCode);
    }

    [Fact]
    public void Non_emergency_break_glass_is_refused()
    {
        using var world = new RecordsWorld();
        Assert.Equal(RecordsErrors.NotEmergency, world.BreakGlass(world.Outsider).ErrorCode);
        Assert.Equal(RecordsErrors.NotEmergency, world.BreakGlass(world.Patient).ErrorCode);
    }

    [Fact]
    public void Break_glass_allows_reads_until_its_time_limit()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        Assert.Equal(RecordsErrors.NoConsent, world.Read(world.Emergency, record).ErrorCode);
        var glass = world.BreakGlass(world.Emergency, minutes: 1);
        Assert.Equal(string.Empty, glass.ErrorCode);
        var read = world.Read(world.Emergency, record);
        Assert.Equal(string.Empty, read.ErrorCode);
        var decision = world.Decide(world.Emergency, record);
        Assert.Equal(AccessBasis.BreakGlass, decision.Basis);
        Assert.Equal(glass.TxId.Hash, decision.BasisId);

        world.Consortium.AdvanceTo(world.Consortium.Height + 60);
        Assert.Equal(RecordsErrors.NoConsent, world.Read(world.Emergency, record).ErrorCode);
    }

    [Fact]
    public void Break_glass_bounds_its_reason_and_duration_at_admission()
    {
        using var world = new RecordsWorld();
        var tooLong = new Modules.Records.BreakGlass.BreakGlassRequest(world.Patient.PublicKey, "unconscious", "x", 481).Encode();
        var badCode = new Modules.Records.BreakGlass.BreakGlassRequest(world.Patient.PublicKey, "curious", "x", 5).Encode();
        Assert.Equal(RecordsErrors.InvalidDuration, world.Consortium.Chain.Submit(world.Consortium.Sign(world.Emergency, RecordsModule.ModuleName, "break-glass", tooLong)).ErrorCode);
        Assert.Equal(RecordsErrors.InvalidReason, world.Consortium.Chain.Submit(world.Consortium.Sign(world.Emergency, RecordsModule.ModuleName, "break-glass", badCode)).ErrorCode);
    }

    [Fact]
    public void Erase_makes_the_record_gone_for_everyone()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        Assert.Equal(RecordsErrors.NotPatient, world.Erase(record, world.Custodian).ErrorCode);
        Assert.Equal(string.Empty, world.Erase(record).ErrorCode);
        Assert.Equal(RecordsErrors.RecordErased, world.Read(world.Patient, record).ErrorCode);
        Assert.Equal(RecordsErrors.RecordErased, world.Read(world.Custodian, record).ErrorCode);
        Assert.Equal(RecordsErrors.RecordErased, world.Anchor(world.Custodian, record, "Observation", 2).ErrorCode);
        Assert.Equal(RecordsErrors.RecordErased, world.Erase(record).ErrorCode);

        // The chain still holds the version's hash, and only that.
        var version = RecordsModule.ReadVersion(new ModuleStateReader(world.Consortium.Chain.Store, RecordsModule.ModuleName), record, 1);
        Assert.NotNull(version);
    }

    [Fact]
    public void Only_a_node_of_the_custodian_records_an_access()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        Assert.Equal(RecordsErrors.NotCustodianNode, world.Read(world.Patient, record, node: world.Consortium.Nodes[1]).ErrorCode);
        Assert.Equal(RecordsErrors.NotCustodianNode, world.Read(world.Patient, record, node: world.Custodian).ErrorCode);
        var read = world.Read(world.Patient, record);
        Assert.Equal(string.Empty, read.ErrorCode);
        Assert.Equal(ReceiptStatus.Success, read.Status);
    }

    [Fact]
    public void Revoked_member_loses_custodian_access()
    {
        using var world = new RecordsWorld();
        var record = world.AnchorRecord();
        Assert.Equal(AccessBasis.Custodian, world.Decide(world.Custodian, record).Basis);
        world.Consortium.RevokeMember(world.Consortium.Admins[0], world.Custodian);
        Assert.Equal(RecordsErrors.RequesterInactive, world.Decide(world.Custodian, record).ErrorCode);
    }

    [Fact]
    public void Break_glass_waits_for_review_by_an_auditor_of_its_organisation()
    {
        using var world = new RecordsWorld();
        var glass = world.BreakGlass(world.Emergency).TxId.Hash;
        var store = world.Consortium.Chain.Store;
        var pending = StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PendingReviewsPrefix(Consortium.Org(2)));
        Assert.Single(store.ScanState(pending, null, 10));

        var foreignAuditor = world.Member("auditor", 1);
        var auditor = world.Member("auditor", 2);
        Assert.Equal(RecordsErrors.NotReviewer, Review(world, foreignAuditor, glass, "justified").ErrorCode);
        Assert.Equal(RecordsErrors.NotReviewer, Review(world, world.Outsider, glass, "justified").ErrorCode);
        Assert.Equal(RecordsErrors.UnknownBreakGlass, Review(world, auditor, Core.Hashing.Hash256.Sha256([3]), "justified").ErrorCode);
        Assert.Equal(string.Empty, Review(world, auditor, glass, "unjustified").ErrorCode);
        Assert.Equal(RecordsErrors.AlreadyReviewed, Review(world, world.Consortium.Admins[1], glass, "justified").ErrorCode);

        Assert.Empty(store.ScanState(pending, null, 10));
        Assert.Equal("unjustified", RecordsModule.ReadReview(new ModuleStateReader(store, RecordsModule.ModuleName), glass)!.Outcome);
    }

    private static Receipt Review(RecordsWorld world, Core.Crypto.SigningKey author, Core.Hashing.Hash256 glass, string outcome) =>
        world.Run(author, Modules.Records.BreakGlass.ReviewRequest.Operation, new Modules.Records.BreakGlass.ReviewRequest(glass, outcome).Encode());
}
