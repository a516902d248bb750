namespace Carechain.Ledger.Storage;

/// <summary>
/// A lookup a node keeps beside the state, derived from it entry by entry: for every state entry whose
/// key starts with <see cref="SourcePrefix"/>, the index holds the keys <see cref="KeysFor"/> gives.
/// <see cref="LedgerStore"/> writes them in the same atomic batch as the block that changed the entry,
/// so an index never disagrees with the state it was derived from, even after a crash; an index the
/// store has not built yet (or whose <see cref="Name"/> changed) is rebuilt from the state when attached.
/// Indexes are not part of the state commitment: they are this node's, not the chain's.
/// </summary>
public interface IStateIndex
{
    /// <summary>Names the index and its layout; change it when <see cref="KeysFor"/> changes, so the index is rebuilt. No '/'.</summary>
    string Name { get; }

    /// <summary>The full (namespaced) state keys the index follows.</summary>
    byte[] SourcePrefix { get; }

    /// <summary>The index keys of one state entry; the same entry always gives the same keys.</summary>
    IReadOnlyList<byte[]> KeysFor(ReadOnlySpan<byte> stateKey, ReadOnlySpan<byte> value);

    /// <summary>
    /// True when an entry's index keys never change while it exists (they follow from parts of its value
    /// that are fixed once written): the store then reads an entry's previous value only when the entry
    /// is deleted, not on every update, to find keys gone stale.
    /// </summary>
    bool KeysFixedWhileEntryExists => false;
}
