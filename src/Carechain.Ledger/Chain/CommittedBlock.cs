using Carechain.Ledger.Blocks;
using Carechain.Ledger.Execution;

namespace Carechain.Ledger.Chain;

/// <summary>A block that is durably in the store, with the receipts of its transactions.</summary>
public sealed record CommittedBlock(BlockHeader Header, IReadOnlyList<Receipt> Receipts);
