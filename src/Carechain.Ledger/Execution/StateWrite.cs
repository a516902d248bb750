namespace Carechain.Ledger.Execution;

/// <summary>A write of one key in a module's own key space; a null value deletes the key.</summary>
public sealed record StateWrite(byte[] Key, byte[]? Value);
