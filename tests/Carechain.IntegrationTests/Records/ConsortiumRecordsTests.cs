using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Consortium;
using static Carechain.IntegrationTests.Consortium.ConsortiumCalls;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;

namespace Carechain.IntegrationTests.Records;

/// <summary>
/// On a 3-member Raft network: a follower's organisation keeps a patient's record; a clinician of
/// another organisation reads it through the custodian's node only while the patient's grant is
/// live; an emergency member of that organisation reads it under break-glass; the patient sees every
/// one of those reads, from any member.
/// </summary>
public sealed class ConsortiumRecordsTests
{
    [Fact]
    public async Task Cross_organisation_reads_follow_consent_and_break_glass_on_a_raft_network()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leaderIndex = await cluster.WaitForLeaderAsync();
        var leader = cluster.Clients[leaderIndex];

        // The custodian is a follower's organisation, so its node forwards the access events to the leader.
        var (custodianIndex, readerIndex) = ((leaderIndex + 1) % 3, (leaderIndex + 2) % 3);
        var (custodianOrg, readerOrg) = ($"org{custodianIndex + 1}", $"org{readerIndex + 1}");
        using var admin1 = cluster.NodeKey(custodianIndex);
        using var admin2 = cluster.NodeKey(readerIndex);
        using var patient = SigningKey.Generate();
        using var custodian = SigningKey.Generate();
        using var clinician = SigningKey.Generate();
        using var emergency = SigningKey.Generate();

        await RunAsync(leader, patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient));
        await RunAsync(leader, admin1, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(custodian, "clinician", custodianOrg));
        await RunAsync(leader, admin2, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(clinician, "clinician", readerOrg));
        await RunAsync(leader, admin2, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(emergency, ClinicalRoles.Emergency, readerOrg));
        var record = Hash256.Sha256([1, 2, 3]);
        var last = await RunAsync(leader, custodian, RecordsModule.ModuleName, AnchorVersionRequest.Operation,
            new AnchorVersionRequest(record, patient.PublicKey, "Condition", 1, Hash256.Sha256([9])).Encode());
        await cluster.WaitForAgreementAsync(last);

        var custodianNode = cluster.Clients[custodianIndex];
        var clinicianToken = (await custodianNode.AuthenticateAsync(clinician)).Token;
        var denied = await Assert.ThrowsAsync<CarechainApiException>(() => custodianNode.ReadRecordAsync(record, PurposeOfUse.Treatment, clinicianToken));
        Assert.Equal("no_consent", denied.Code);

        var grant = await SubmitAsync(leader, patient, RecordsModule.ModuleName, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(OrganisationId.Parse(readerOrg)), new ConsentScope(["Condition"], []), PurposeOfUse.Treatment,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        await cluster.WaitForAgreementAsync(grant.Height);
        var read = await custodianNode.ReadRecordAsync(record, PurposeOfUse.Treatment, clinicianToken);
        Assert.Equal(("grant", grant.TxId), (read.Basis, read.BasisId));

        var revoke = await SubmitAsync(leader, patient, RecordsModule.ModuleName, RevokeRequest.Operation, new RevokeRequest(Hash256.Parse(grant.TxId)).Encode());
        await cluster.WaitForAgreementAsync(revoke.Height);
        var revoked = await Assert.ThrowsAsync<CarechainApiException>(() => custodianNode.ReadRecordAsync(record, PurposeOfUse.Treatment, clinicianToken));
        Assert.Equal("no_consent", revoked.Code);

        var glass = await SubmitAsync(leader, emergency, RecordsModule.ModuleName, BreakGlassRequest.Operation,
            new BreakGlassRequest(patient.PublicKey, BreakGlassReasons.Unconscious, "found unresponsive", 15).Encode());
        await cluster.WaitForAgreementAsync(glass.Height);
        var emergencyRead = await custodianNode.ReadRecordAsync(record, PurposeOfUse.EmergencyTreatment, (await custodianNode.AuthenticateAsync(emergency)).Token);
        Assert.Equal(("break-glass", glass.TxId), (emergencyRead.Basis, emergencyRead.BasisId));

        var head = await cluster.WaitForAgreementAsync();
        foreach (var node in cluster.Clients)
        {
            var access = await node.GetPatientAccessAsync(patient.PublicKey, (await node.AuthenticateAsync(patient)).Token);
            Assert.Equal([read.AccessTxId, emergencyRead.AccessTxId], access.Events.Select(e => e.TxId));
            Assert.Equal(glass.TxId, Assert.Single(access.BreakGlass).Id);
            Assert.Equal([readerOrg, readerOrg], access.Events.Select(e => e.ReaderOrganisation));
        }

        Assert.True(head.Height >= glass.Height);

        // The break-glass waits in the emergency member's organisation's review queue until reviewed.
        var readerNode = cluster.Clients[readerIndex];
        var queue = await readerNode.GetPendingReviewsAsync(readerOrg, (await readerNode.AuthenticateAsync(admin2)).Token);
        Assert.Equal(glass.TxId, Assert.Single(queue.BreakGlass).Id);
        var reviewed = await SubmitAsync(leader, admin2, RecordsModule.ModuleName, ReviewRequest.Operation,
            new ReviewRequest(Hash256.Parse(glass.TxId), BreakGlassReview.Justified).Encode());
        await cluster.WaitForAgreementAsync(reviewed.Height);
        Assert.Empty((await readerNode.GetPendingReviewsAsync(readerOrg, (await readerNode.AuthenticateAsync(admin2)).Token)).BreakGlass);
        var patientView = await custodianNode.GetPatientAccessAsync(patient.PublicKey, (await custodianNode.AuthenticateAsync(patient)).Token);
        Assert.Equal("justified", Assert.Single(patientView.BreakGlass).ReviewOutcome);
    }

    private static async Task<long> RunAsync(CarechainClient node, SigningKey author, string module, string operation, byte[] payload) =>
        (await SubmitAsync(node, author, module, operation, payload)).Height;
}
