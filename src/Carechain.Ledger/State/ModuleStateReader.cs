namespace Carechain.Ledger.State;

/// <summary>A view of one module's namespace: the module reads its own keys without the prefix.</summary>
public sealed class ModuleStateReader(IStateReader inner, string ns) : IStateReader
{
    public byte[]? Get(ReadOnlySpan<byte> key) => inner.Get(StateKeys.Full(ns, key));
}
