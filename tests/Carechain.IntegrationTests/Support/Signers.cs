using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Notary;

namespace Carechain.IntegrationTests.Support;

/// <summary>Builds signed transactions for tests against a node's chain id.</summary>
internal static class Signers
{
    public const string DevChain = "carechain-dev";

    public static Transaction Anchor(SigningKey author, ulong nonce, string label = "test document")
    {
        Span<byte> seed = stackalloc byte[48];
        author.PublicKey.WriteTo(seed);
        BitConverter.TryWriteBytes(seed[32..], nonce);
        var request = new AnchorRequest(Hash256.Sha256(seed), label, "text/plain");
        return Transaction.Create(author, DevChain, nonce, NotaryModule.ModuleName, AnchorRequest.Operation, request.Encode());
    }
}
