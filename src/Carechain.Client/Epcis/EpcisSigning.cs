using System.Text.Json.Nodes;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;

namespace Carechain.Client.Epcis;

/// <summary>How a trading partner signs an EPCIS event for capture: map it, sign the supply transaction it stands for, attach it.</summary>
public static class EpcisSigning
{
    /// <summary>
    /// Signs the transaction <paramref name="e"/> stands for (its payload carrying the event's hash)
    /// and attaches it as <see cref="EpcisMapping.TransactionMember"/>; <paramref name="context"/>
    /// is the document's <c>@context</c> when it defines extension prefixes.
    /// </summary>
    public static async Task<Transaction> SignAsync(this TransactionSigner signer, JsonObject e, int referenceYear, JsonNode? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(e);
        var mapped = EpcisMapping.Map(e, referenceYear, context);
        var tx = await signer.CreateAsync(SupplyModule.ModuleName, mapped.Operation, mapped.Payload, cancellationToken).ConfigureAwait(false);
        e[EpcisMapping.TransactionMember] = Convert.ToBase64String(tx.Encoded.Span);
        return tx;
    }
}
