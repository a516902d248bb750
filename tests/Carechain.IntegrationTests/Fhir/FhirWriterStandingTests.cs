using System.Net;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// The node remembers writers' standings for one block at a time (HeadPermissions); these check
/// that a change of standing still takes effect with the block that makes it.
/// </summary>
public sealed class FhirWriterStandingTests
{
    [Fact]
    public async Task A_clinician_revoked_in_a_block_is_refused_from_that_block_on_and_writes_nothing()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        var observation = FhirRequests.Observation($"Patient/{world.Patient.PublicKey}");
        for (var i = 0; i < 3; i++)
        {
            using var created = await FhirRequests.SendAsync(world.Node.Http, HttpMethod.Post, "fhir/Observation", token, observation);
            await FhirRequests.AssertStatusAsync(created, HttpStatusCode.Created);
        }

        using var admin = SigningKey.FromSeed(Convert.FromHexString(File.ReadAllText(Path.Combine(world.Node.DataDirectory, "node.seed")).Trim()));
        var signer = await TransactionSigner.ForNodeAsync(world.Client, admin);
        var revoke = await signer.SubmitAsync(await signer.CreateAsync(
            IdentityModule.ModuleName, IdentityPayloads.RevokeMember, IdentityPayloads.EncodeRevokeMember(world.Clinician.PublicKey)));
        Assert.Equal("success", revoke.Receipt?.Status);
        var head = (await world.Client.GetHeadAsync()).Height;

        using var refused = await FhirRequests.SendAsync(world.Node.Http, HttpMethod.Post, "fhir/Observation", token, observation);
        await FhirRequests.AssertOutcomeAsync(refused, HttpStatusCode.Unauthorized, "login");
        Assert.Equal(head, (await world.Client.GetHeadAsync()).Height);
    }
}
