using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Execution;

/// <summary>
/// A domain module: a pure, deterministic state machine. Given its own state, a transaction and
/// the block context it returns writes, events or a refusal. No clock, randomness or I/O.
/// </summary>
public interface ILedgerModule
{
    /// <summary>The module name used in transactions and as its state namespace.</summary>
    string Name { get; }

    bool HandlesOperation(string operation);

    /// <summary>
    /// Stateless checks done at admission (payload shape and bounds), so malformed requests are
    /// refused before they reach a block. Returns an error code or null.
    /// </summary>
    string? CheckPayload(Transaction transaction);

    ModuleResult Execute(IStateReader state, Transaction transaction, BlockContext block);
}
