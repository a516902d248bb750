using Carechain.Core.Codec;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Products;
using Carechain.Modules.Supply.Verification;

namespace Carechain.Modules.Supply;

/// <summary>
/// The drug supply chain ledger: company prefixes (assigned by a regulator), products under them,
/// commissioning of serialised packs in batches, custody events between organisations, lot
/// recalls and quarantines, and verifications at the counter. Who may do what comes from the
/// permission service (the signing key's organisation and its kind). Every operation is all or
/// nothing: a refusal has a <see cref="SupplyErrors"/> code and writes nothing.
/// </summary>
public sealed partial class SupplyModule : ILedgerModule
{
    public const string ModuleName = "supply";

    public string Name => ModuleName;

    public bool HandlesOperation(string operation) => SupplyOperations.All.Contains(operation);

    public string? CheckPayload(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var payload = transaction.Payload.Span;
        try
        {
            return transaction.Operation switch
            {
                SupplyOperations.AssignPrefix => Ok(AssignPrefixRequest.Decode(payload)),
                SupplyOperations.Product => RegisterProductRequest.Decode(payload).HasValidName() ? null : SupplyErrors.InvalidName,
                SupplyOperations.Commission => CommissionRequest.Decode(payload).Validate(),
                SupplyOperations.Verify => VerifyRequest.Decode(payload).Validate(),
                SupplyOperations.Aggregate or SupplyOperations.Disaggregate => AggregationRequest.Decode(payload).Validate(transaction.Operation == SupplyOperations.Aggregate),
                var op when SupplyOperations.CustodyActionOf(op) is { } action => CustodyRequest.Decode(payload).Validate(action),
                var op when SupplyOperations.LotActionOf(op) is not null => LotRequest.Decode(payload).Validate(),
                _ => LedgerErrors.UnknownOperation,
            };
        }
        catch (CodecException)
        {
            return LedgerErrors.MalformedPayload;
        }
    }

    public ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(block);
        var refusal = CheckPayload(transaction);
        if (refusal is not null)
        {
            return ModuleResult.Fail(refusal);
        }

        var permissions = Permissions.InModule(state, block);
        var organisation = permissions.OrganisationOf(transaction.Author);
        var actor = new SupplyActor(
            transaction.Author,
            organisation,
            organisation is { } id ? permissions.Organisation(id)?.Organisation.Kind : null,
            permissions.RoleOf(transaction.Author) == IdentityRole.Admin);
        var writes = new StateOverlay(state);
        var context = new Execution(new SupplyState(writes), writes, permissions, actor, transaction, block);
        var outcome = Apply(context, transaction.Operation, transaction.Payload.Span);
        return outcome.Error is { } error
            ? ModuleResult.Fail(error)
            : ModuleResult.Ok([.. writes.SortedWrites().Select(w => new StateWrite(w.Key, w.Value))], [.. outcome.Events]);
    }

    private static Outcome Apply(Execution x, string operation, ReadOnlySpan<byte> payload)
    {
        switch (operation)
        {
            case SupplyOperations.AssignPrefix:
                return AssignPrefix(x, AssignPrefixRequest.Decode(payload));
            case SupplyOperations.Product:
                return RegisterProduct(x, RegisterProductRequest.Decode(payload));
            case SupplyOperations.Commission:
                var commission = CommissionRequest.Decode(payload);
                return Once(x, commission.EventHash) ?? Commission(x, commission);
            case SupplyOperations.Verify:
                return Verify(x, VerifyRequest.Decode(payload));
            case SupplyOperations.Aggregate or SupplyOperations.Disaggregate:
                var aggregation = AggregationRequest.Decode(payload);
                return Once(x, aggregation.EventHash) ?? (operation == SupplyOperations.Aggregate ? Aggregate(x, aggregation) : Disaggregate(x, aggregation));
            default:
                if (SupplyOperations.CustodyActionOf(operation) is { } action)
                {
                    var custody = CustodyRequest.Decode(payload);
                    return (action == CustodyAction.Undo ? Declared(x, custody.EventHash) : Once(x, custody.EventHash)) ?? Custody(x, action, custody);
                }

                return Lot(x, SupplyOperations.LotActionOf(operation)!.Value, LotRequest.Decode(payload));
        }
    }

    /// <summary>
    /// A captured EPCIS event applies once: its hash is recorded with this transaction, and a later
    /// transaction carrying the same hash is refused (<see cref="SupplyErrors.DuplicateEvent"/>). The
    /// transaction keeps its hash too, so an error declaration can be checked against the event it names.
    /// Null when the operation may go on.
    /// </summary>
    private static Outcome? Once(Execution x, Core.Hashing.Hash256? eventHash)
    {
        if (eventHash is not { } hash)
        {
            return null;
        }

        if (x.State.EventTransaction(hash) is not null)
        {
            return Fail(SupplyErrors.DuplicateEvent);
        }

        x.Put(SupplyState.EventKey(hash), x.Transaction.Id.Hash.ToArray());
        x.Put(SupplyState.CapturedKey(x.Transaction.Id.Hash), hash.ToArray());
        return null;
    }

    /// <summary>
    /// An undo that carries an event hash is an EPCIS error declaration: the hash is that of the
    /// event it declares in error (the hash leaves the declaration out), so it is not a new event.
    /// Each event is declared in error once (<see cref="SupplyErrors.DuplicateEvent"/> after that).
    /// Null when the operation may go on.
    /// </summary>
    private static Outcome? Declared(Execution x, Core.Hashing.Hash256? eventHash)
    {
        if (eventHash is not { } hash)
        {
            return null;
        }

        if (x.State.DeclarationTransaction(hash) is not null)
        {
            return Fail(SupplyErrors.DuplicateEvent);
        }

        x.Put(SupplyState.DeclarationKey(hash), x.Transaction.Id.Hash.ToArray());
        return null;
    }

    private static string? Ok<T>(T decoded) => decoded is null ? LedgerErrors.MalformedPayload : null;

    private static Outcome Fail(string code) => new(code, []);

    private static Outcome Done(params LedgerEvent[] events) => new(null, events);

    /// <summary>What one execution sees: the supply state with its own pending writes, permissions, the actor and the block.</summary>
    private sealed record Execution(
        SupplyState State, StateOverlay Writes, Permissions Permissions, SupplyActor Actor, Transaction Transaction, BlockContext Block)
    {
        public void Put(byte[] key, byte[] value) => Writes.Set(key, value);
    }

    private readonly record struct Outcome(string? Error, IReadOnlyList<LedgerEvent> Events);
}
