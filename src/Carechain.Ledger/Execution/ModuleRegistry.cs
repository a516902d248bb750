using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Execution;

/// <summary>The modules and guards a chain runs, and the rule naming its node keys at each height. Every node of a chain must hold the same set.</summary>
public sealed class ModuleRegistry
{
    private readonly Dictionary<string, ILedgerModule> _modules;

    public ModuleRegistry(IEnumerable<ILedgerModule> modules, IEnumerable<ITransactionGuard> guards, INodeSetSource nodeSets)
    {
        ArgumentNullException.ThrowIfNull(nodeSets);
        _modules = modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
        Guards = guards.ToArray();
        NodeSets = nodeSets;
    }

    public IReadOnlyList<ITransactionGuard> Guards { get; }

    /// <summary>The node keys that may produce and certify each height (governance keeps their history).</summary>
    public INodeSetSource NodeSets { get; }

    public ILedgerModule? Find(string name) => _modules.GetValueOrDefault(name);

    /// <summary>Stateless admission check: the module and operation exist and the payload is well formed.</summary>
    public string? CheckStateless(Transaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var module = Find(transaction.Module);
        if (module is null)
        {
            return LedgerErrors.UnknownModule;
        }

        return module.HandlesOperation(transaction.Operation) ? module.CheckPayload(transaction) : LedgerErrors.UnknownOperation;
    }
}
