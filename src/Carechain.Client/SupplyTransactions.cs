using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Products;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Client;

/// <summary>
/// Signs supply-chain transactions with a <see cref="TransactionSigner"/>'s key and next nonce.
/// Requests every node would refuse at admission (bad lot, range, reason) throw <see cref="ArgumentException"/>.
/// </summary>
public static class SupplyTransactions
{
    public static Task<Transaction> AssignPrefixAsync(this TransactionSigner signer, CompanyPrefix prefix, OrganisationId owner, CancellationToken cancellationToken = default) =>
        Create(signer, SupplyOperations.AssignPrefix, new AssignPrefixRequest(prefix, owner).Encode(), null, cancellationToken);

    public static Task<Transaction> RegisterProductAsync(this TransactionSigner signer, Gtin gtin, string name, CancellationToken cancellationToken = default)
    {
        var request = new RegisterProductRequest(gtin, name);
        return Create(signer, SupplyOperations.Product, request.Encode(), request.HasValidName() ? null : "the name must be 1 to 100 bytes without control characters", cancellationToken);
    }

    public static Task<Transaction> CommissionAsync(this TransactionSigner signer, CommissionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(signer, SupplyOperations.Commission, request.Encode(), request.Validate(), cancellationToken);
    }

    public static Task<Transaction> CustodyAsync(this TransactionSigner signer, CustodyAction action, CustodyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(signer, SupplyOperations.NameOf(action), request.Encode(), request.Validate(action), cancellationToken);
    }

    public static Task<Transaction> LotAsync(this TransactionSigner signer, LotAction action, LotRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(signer, SupplyOperations.NameOf(action), request.Encode(), request.Validate(), cancellationToken);
    }

    /// <summary>Packs packs into a case or pallet (<paramref name="aggregate"/>), or unpacks it (then no children).</summary>
    public static Task<Transaction> AggregationAsync(this TransactionSigner signer, bool aggregate, AggregationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(signer, aggregate ? SupplyOperations.Aggregate : SupplyOperations.Disaggregate, request.Encode(), request.Validate(aggregate), cancellationToken);
    }

    public static Task<Transaction> VerifyAsync(this TransactionSigner signer, VerifyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(signer, SupplyOperations.Verify, request.Encode(), request.Validate(), cancellationToken);
    }

    private static Task<Transaction> Create(TransactionSigner signer, string operation, byte[] payload, string? problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return problem is not null
            ? throw new ArgumentException($"The {operation} request would be refused: {problem}")
            : signer.CreateAsync(SupplyModule.ModuleName, operation, payload, cancellationToken);
    }
}
