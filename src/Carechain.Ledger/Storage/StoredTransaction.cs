using Carechain.Ledger.Transactions;

namespace Carechain.Ledger.Storage;

/// <summary>A committed transaction and where it sits: block height, index in the block, index in the log.</summary>
public sealed record StoredTransaction(Transaction Transaction, long Height, int Index, long LogIndex);
