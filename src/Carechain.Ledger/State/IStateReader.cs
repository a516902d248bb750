namespace Carechain.Ledger.State;

/// <summary>Reads committed (or block-pending) state. Keys are full keys, namespaced by module.</summary>
public interface IStateReader
{
    byte[]? Get(ReadOnlySpan<byte> key);
}
