using Carechain.Core.Hashing;

namespace Carechain.Ledger.Execution;

/// <summary>The deterministic result of executing a block's transactions on a parent state.</summary>
public sealed record BlockExecution(
    IReadOnlyList<KeyValuePair<byte[], byte[]?>> SortedWrites,
    IReadOnlyList<Receipt> Receipts,
    IReadOnlyList<byte[]> EncodedReceipts,
    Hash256 StateCommitment);
