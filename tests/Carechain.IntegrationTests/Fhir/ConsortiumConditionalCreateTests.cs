using System.Net;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Consortium;
using Carechain.Modules.Identity;
using static Carechain.IntegrationTests.Consortium.ConsortiumCalls;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// Racing conditional creates at a follower of a 3-member Raft network: its writes commit at the leader and
/// reach its own state a little later, yet of many identical If-None-Exist creates sent to it at once
/// exactly one is created, and every member's chain holds that one record.
/// </summary>
public sealed class ConsortiumConditionalCreateTests
{
    private const int Clients = 16;

    [Fact]
    public async Task Concurrent_identical_conditional_creates_at_a_follower_create_exactly_one_record()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leaderIndex = await cluster.WaitForLeaderAsync();
        var leader = cluster.Clients[leaderIndex];
        var follower = (leaderIndex + 1) % 3;
        using var admin = cluster.NodeKey(follower);
        using var patient = SigningKey.Generate();
        using var clinician = SigningKey.Generate();
        await SubmitAsync(leader, patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient));
        var added = await SubmitAsync(leader, admin, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(clinician, "clinician", $"org{follower + 1}"));
        await cluster.WaitForAgreementAsync(added.Height);
        var token = (await cluster.Clients[follower].AuthenticateAsync(clinician)).Token;
        var observation = $$"""
            {"resourceType":"Observation","status":"final","identifier":[{"system":"urn:example:lab","value":"F-1"}],
             "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/{{patient.PublicKey}}"} }
            """;

        var answers = await RaceConditionalPostsAsync(cluster.Members[follower].ApiUrl, token, observation, "identifier=urn:example:lab|F-1", Clients);

        var created = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created).Id;
        Assert.All(answers, a => Assert.Equal(created, a.Id));
        await cluster.WaitForAgreementAsync();
        foreach (var node in cluster.Clients)
        {
            var records = await node.GetPatientRecordsAsync(patient.PublicKey, (await node.AuthenticateAsync(patient)).Token);
            Assert.Equal([created], records.Records.Select(r => r.RecordId));
        }
    }
}
