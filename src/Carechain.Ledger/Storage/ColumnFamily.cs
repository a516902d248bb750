namespace Carechain.Ledger.Storage;

/// <summary>The store's column families; every one is read in full by the offline verifier.</summary>
public static class ColumnFamily
{
    /// <summary>height → stored block (header and tx ids).</summary>
    public const string Blocks = "blocks";

    /// <summary>header hash → height.</summary>
    public const string BlockHashes = "block_hashes";

    /// <summary>tx id → height, index, log index and the transaction's bytes.</summary>
    public const string Transactions = "txs";

    /// <summary>tx id → receipt.</summary>
    public const string Receipts = "receipts";

    /// <summary>namespaced key → value: the executed state.</summary>
    public const string State = "state";

    /// <summary>(level, index) → hash of every completed perfect subtree of the transaction log.</summary>
    public const string MerkleNodes = "merkle";

    /// <summary>"genesis" → genesis document; "head" → height of the last committed block.</summary>
    public const string Meta = "meta";

    /// <summary>height → checkpoint certificate: a quorum of node signatures over that height's statement (consortium members only).</summary>
    public const string Certificates = "certificates";

    /// <summary>
    /// "index/key" → empty: the node's own lookups derived from the state (<see cref="IStateIndex"/>), not part
    /// of the chain; the verifier reads it for checksums only, and a node rebuilds an index whose marker is missing.
    /// </summary>
    public const string Indexes = "indexes";

    public static readonly IReadOnlyList<string> All = [Blocks, BlockHashes, Transactions, Receipts, State, MerkleNodes, Meta, Certificates, Indexes];
}
