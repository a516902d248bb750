namespace Carechain.Ledger.Execution;

public enum ReceiptStatus
{
    /// <summary>The transaction's writes were applied.</summary>
    Success = 0,

    /// <summary>The transaction was ordered and its nonce consumed, but it changed nothing else.</summary>
    Rejected = 1,
}
