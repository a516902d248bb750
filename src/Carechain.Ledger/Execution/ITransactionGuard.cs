using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Execution;

/// <summary>
/// A rule checked before any module runs, for every transaction (for example: a revoked key
/// may do nothing). Reads state in the guard's own namespace; returns an error code or null.
/// </summary>
public interface ITransactionGuard
{
    string Namespace { get; }

    string? Check(IStateReader state, Transaction transaction);
}
