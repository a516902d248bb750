using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>Signed transactions the consortium tests submit to a member, each asserted committed with success.</summary>
internal static class ConsortiumCalls
{
    public static byte[] Member(SigningKey member, string role, string organisation) =>
        IdentityPayloads.EncodeAddMember(member.PublicKey, "Member", role, OrganisationId.Parse(organisation));

    public static async Task<(string TxId, long Height)> SubmitAsync(CarechainClient node, SigningKey author, string module, string operation, byte[] payload)
    {
        var signer = await TransactionSigner.ForNodeAsync(node, author);
        Transaction tx = await signer.CreateAsync(module, operation, payload);
        var response = await signer.SubmitAsync(tx);
        Assert.True(response.Receipt?.ErrorCode is null or "", $"{module}/{operation}: {response.Receipt?.ErrorCode}");
        return (response.TxId, response.Height!.Value);
    }
}
