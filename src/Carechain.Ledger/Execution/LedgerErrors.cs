namespace Carechain.Ledger.Execution;

/// <summary>
/// Error codes the ledger itself assigns (modules add their own). The set is closed and
/// documented in docs/errors.md; clients match on these strings.
/// </summary>
public static class LedgerErrors
{
    public const string MalformedTransaction = "malformed_transaction";
    public const string TransactionTooLarge = "transaction_too_large";
    public const string BadSignature = "bad_signature";
    public const string WrongChain = "wrong_chain";
    public const string NonceReplay = "nonce_replay";
    public const string NonceGap = "nonce_gap";
    public const string UnknownModule = "unknown_module";
    public const string UnknownOperation = "unknown_operation";
    public const string MalformedPayload = "malformed_payload";
    public const string MempoolFull = "mempool_full";
}
