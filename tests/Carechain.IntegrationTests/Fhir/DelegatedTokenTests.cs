using System.Net;
using System.Net.Http.Headers;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Consortium;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Identity;
using Carechain.Node.Auth;
using Carechain.Node.Fhir.Everything;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// ADR 0010's cross-node trust on a real 3-member network: a node accepts another node's delegated
/// token only for its own organisation, signed by a current node key, unaltered, and for a caller the
/// issuing node may vouch for (a patient or its own organisation's member); its answer is signed.
/// </summary>
public sealed class DelegatedTokenTests
{
    [Fact]
    public async Task A_custodian_accepts_only_delegated_tokens_a_consortium_node_may_issue_for_it()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leader = cluster.Clients[await cluster.WaitForLeaderAsync()];
        using var patient = SigningKey.Generate();
        using var memberOf2 = SigningKey.Generate();
        using var admin2 = cluster.NodeKey(1);
        await SubmitAsync(leader, patient, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient));
        var height = await SubmitAsync(leader, admin2, IdentityPayloads.AddMember,
            IdentityPayloads.EncodeAddMember(memberOf2.PublicKey, "Member", "clinician", OrganisationId.Parse("org2")));
        await cluster.WaitForAgreementAsync(height);

        using var node1Key = cluster.NodeKey(0);
        using var stranger = SigningKey.Generate();
        var node1 = new DelegatedTokens(node1Key, ConsortiumCluster.ChainId, TimeProvider.System);
        var path = $"fhir/Patient/{patient.PublicKey}/$everything?_local=true";

        var good = node1.Issue(patient.PublicKey, OrganisationId.Parse("org2"));
        using (var answer = await GetAsync(cluster, 1, path, good))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = await answer.Content.ReadAsByteArrayAsync();
            var signature = answer.Headers.GetValues(CustodianSignature.Header).Single();
            using var node2Key = cluster.NodeKey(1);
            Assert.Equal(node2Key.PublicKey, CustodianSignature.Verify(signature, good, body, [node2Key.PublicKey]));
            Assert.Null(CustodianSignature.Verify(signature, node1.Issue(patient.PublicKey, OrganisationId.Parse("org2")), body, [node2Key.PublicKey]));
        }

        string[] refused =
        [
            node1.Issue(patient.PublicKey, OrganisationId.Parse("org3")),
            new DelegatedTokens(stranger, ConsortiumCluster.ChainId, TimeProvider.System).Issue(patient.PublicKey, OrganisationId.Parse("org2")),
            new DelegatedTokens(node1Key, "another-chain", TimeProvider.System).Issue(patient.PublicKey, OrganisationId.Parse("org2")),
            node1.Issue(memberOf2.PublicKey, OrganisationId.Parse("org2")),
            good[..^4] + (good[^4] == 'A' ? "B" : "A") + good[^3..],
        ];
        foreach (var token in refused)
        {
            using var answer = await GetAsync(cluster, 1, path, token);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(ConsortiumCluster cluster, int i, string path, string token)
    {
        using var http = new HttpClient { BaseAddress = cluster.Members[i].ApiUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<long> SubmitAsync(CarechainClient node, SigningKey author, string operation, byte[] payload)
    {
        var signer = await TransactionSigner.ForNodeAsync(node, author);
        var response = await signer.SubmitAsync(await signer.CreateAsync(IdentityModule.ModuleName, operation, payload));
        Assert.True(response.Receipt?.ErrorCode is null or "", $"{operation}: {response.Receipt?.ErrorCode}");
        return response.Height!.Value;
    }
}
