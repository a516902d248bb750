namespace Carechain.Ledger.State;

/// <summary>A view of one module's namespace: the module reads its own keys without the prefix.</summary>
public sealed class ModuleStateReader(IStateReader inner, string ns) : IStateReader
{
    public byte[]? Get(ReadOnlySpan<byte> key) => inner.Get(StateKeys.Full(ns, key));

    /// <summary>
    /// Another namespace of the same state, read-only. Modules may read each other's state (every
    /// module asks the one permission service, which reads identity and governance) but write only
    /// their own, because the executor applies a module's writes under its own name.
    /// </summary>
    public ModuleStateReader ViewOf(string otherNamespace) => new(inner, otherNamespace);
}
