using System.Globalization;
using System.Net.Http.Json;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Transactions;

namespace Carechain.Client;

/// <summary>
/// Typed access to a Carechain node's REST API (v1). Every method either returns the decoded
/// answer or throws <see cref="CarechainApiException"/>: refusals carry the node's problem code,
/// connection failures and timeouts carry <see cref="ClientErrorCodes.Unreachable"/>, and a success
/// answer that is not the expected JSON carries <see cref="ClientErrorCodes.InvalidResponse"/>.
/// Arguments are typed (hashes, keys, ids), so no caller-supplied text reaches a URL path unescaped.
/// Stateless and thread-safe; it does not own the <see cref="HttpClient"/>.
/// </summary>
public sealed partial class CarechainClient
{
    private readonly HttpClient _http;

    /// <param name="http">
    /// A client whose <see cref="HttpClient.BaseAddress"/> is the node's root URL. Request paths are
    /// relative, so a base address with a path (behind a proxy) must end in '/'.
    /// </param>
    public CarechainClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the node's URL.", nameof(http));
        }

        _http = http;
    }

    /// <summary>The node's root URL.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>GET /health. A node that cannot commit answers 503, which throws.</summary>
    public Task<HealthDto> GetHealthAsync(CancellationToken cancellationToken = default) =>
        GetAsync<HealthDto>("health", cancellationToken);

    public Task<ChainInfoDto> GetChainInfoAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ChainInfoDto>("api/v1/chain", cancellationToken);

    public Task<BlockHeaderDto> GetHeadAsync(CancellationToken cancellationToken = default) =>
        GetAsync<BlockHeaderDto>("api/v1/head", cancellationToken);

    /// <summary>
    /// Submits one signed transaction. Without <paramref name="waitForCommit"/> the answer is "pending"
    /// once the node admitted it; with it, "committed" with the block height and receipt, or code
    /// <c>commit_timeout</c> (504) when the node's wait (<paramref name="commitTimeout"/>, else its default) ran out.
    /// </summary>
    public Task<SubmitTransactionResponse> SubmitTransactionAsync(
        ReadOnlyMemory<byte> encodedTransaction, bool waitForCommit = false, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default)
    {
        var query = waitForCommit ? "wait=true" : "wait=false";
        if (commitTimeout is { } timeout)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&timeoutMs={(long)Math.Ceiling(timeout.TotalMilliseconds)}");
        }

        var body = new SubmitTransactionRequest(Convert.ToBase64String(encodedTransaction.Span));
        return PostAsync<SubmitTransactionRequest, SubmitTransactionResponse>("api/v1/transactions?" + query, body, cancellationToken);
    }

    public Task<SubmitTransactionResponse> SubmitTransactionAsync(
        Transaction transaction, bool waitForCommit = false, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return SubmitTransactionAsync(transaction.Encoded, waitForCommit, commitTimeout, cancellationToken);
    }

    /// <summary>Submits several transactions at once; each gets its own result, in order, and one refusal does not stop the others.</summary>
    public Task<SubmitBatchResponse> SubmitBatchAsync(IEnumerable<Transaction> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return SubmitBatchAsync(transactions.Select(t => t.Encoded), cancellationToken);
    }

    /// <summary>Submits several encoded transactions at once, as <see cref="SubmitBatchAsync(IEnumerable{Transaction}, CancellationToken)"/>.</summary>
    public Task<SubmitBatchResponse> SubmitBatchAsync(IEnumerable<ReadOnlyMemory<byte>> encodedTransactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encodedTransactions);
        var body = new SubmitBatchRequest([.. encodedTransactions.Select(t => Convert.ToBase64String(t.Span))]);
        return PostAsync<SubmitBatchRequest, SubmitBatchResponse>("api/v1/transactions/batch", body, cancellationToken);
    }

    /// <summary>A committed transaction; code <c>not_found</c> (404) when the node does not know it.</summary>
    public Task<TransactionDto> GetTransactionAsync(TxId id, CancellationToken cancellationToken = default) =>
        GetAsync<TransactionDto>($"api/v1/transactions/{id}", cancellationToken);

    public Task<BlockDto> GetBlockAsync(long height, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        return GetAsync<BlockDto>(string.Create(CultureInfo.InvariantCulture, $"api/v1/blocks/{height}"), cancellationToken);
    }

    public Task<BlockDto> GetBlockAsync(Hash256 headerHash, CancellationToken cancellationToken = default) =>
        GetAsync<BlockDto>($"api/v1/blocks/{headerHash}", cancellationToken);

    /// <summary>An inclusion proof of a committed transaction in the log of <paramref name="treeSize"/> leaves (the current log when null).</summary>
    public Task<InclusionProofDto> GetInclusionProofAsync(TxId id, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        var path = treeSize is { } size
            ? string.Create(CultureInfo.InvariantCulture, $"api/v1/proofs/inclusion/{id}?treeSize={size}")
            : $"api/v1/proofs/inclusion/{id}";
        return GetAsync<InclusionProofDto>(path, cancellationToken);
    }

    /// <summary>A proof that the log of <paramref name="fromSize"/> leaves is a prefix of the log of <paramref name="toSize"/> leaves.</summary>
    public Task<ConsistencyProofDto> GetConsistencyProofAsync(long fromSize, long toSize, CancellationToken cancellationToken = default) =>
        GetAsync<ConsistencyProofDto>(string.Create(CultureInfo.InvariantCulture, $"api/v1/proofs/consistency?from={fromSize}&to={toSize}"), cancellationToken);

    /// <summary>The node's signed statement of its current head and log; check it with <see cref="ContractMapping.TryParse(CheckpointDto?, out Carechain.Ledger.Checkpoints.Checkpoint?, out string)"/>.</summary>
    public Task<CheckpointDto> GetCheckpointAsync(CancellationToken cancellationToken = default) =>
        GetAsync<CheckpointDto>("api/v1/checkpoint", cancellationToken);

    /// <summary>
    /// The node's checkpoint certificate at <paramref name="height"/>, or its latest when null; code
    /// <c>not_found</c> (404) when it holds none there. Check it with <see cref="Ledger.Checkpoints.CheckpointCertificate.Verify"/>.
    /// </summary>
    public Task<CheckpointCertificateDto> GetCertifiedCheckpointAsync(long? height = null, CancellationToken cancellationToken = default)
    {
        if (height is { } h)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(h, nameof(height));
        }

        var which = height is { } at ? at.ToString(CultureInfo.InvariantCulture) : "latest";
        return GetAsync<CheckpointCertificateDto>($"api/v1/checkpoints/certified/{which}", cancellationToken);
    }

    /// <summary>How the node's checkpoint certification goes (last signed and certified heights, disagreements).</summary>
    public Task<CertificationStatusDto> GetCertificationStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<CertificationStatusDto>("api/v1/checkpoints/status", cancellationToken);

    /// <summary>
    /// Member to member: hands the node attestations; it answers with its own attestations for the same
    /// heights, where it holds them. Code <c>attestation_refused</c> (422) when any one is refused, and then none is taken.
    /// </summary>
    public Task<AttestationBatchDto> ExchangeAttestationsAsync(AttestationBatchDto batch, CancellationToken cancellationToken = default) =>
        PostAsync<AttestationBatchDto, AttestationBatchDto>("api/v1/checkpoints/attestations", batch, cancellationToken);

    /// <summary>Member to member: asks the leader to add the signed member to the Raft cluster.</summary>
    public Task<MemberJoinedDto> JoinAsync(MemberJoinDto join, CancellationToken cancellationToken = default) =>
        PostAsync<MemberJoinDto, MemberJoinedDto>("api/v1/membership/join", join, cancellationToken);

    public Task<NonceDto> GetNonceAsync(Ed25519PublicKey key, CancellationToken cancellationToken = default) =>
        GetAsync<NonceDto>($"api/v1/accounts/{key}/nonce", cancellationToken);

    public Task<IdentityDto> GetIdentityAsync(Ed25519PublicKey key, CancellationToken cancellationToken = default) =>
        GetAsync<IdentityDto>($"api/v1/identities/{key}", cancellationToken);

    public Task<AnchorDto> GetAnchorAsync(Hash256 documentHash, CancellationToken cancellationToken = default) =>
        GetAsync<AnchorDto>($"api/v1/notary/anchors/{documentHash}", cancellationToken);

    /// <summary>
    /// One page of an author's anchors in the order they were made. Pass the previous page's
    /// <see cref="AnchorPageDto.Next"/> as <paramref name="after"/> to continue; it is null on the last page.
    /// </summary>
    public Task<AnchorPageDto> ListAnchorsAsync(
        Ed25519PublicKey author, string? after = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/notary/anchors?author={author}";
        if (after is not null)
        {
            path += "&after=" + Uri.EscapeDataString(after);
        }

        if (limit is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(limit));
            path += string.Create(CultureInfo.InvariantCulture, $"&limit={count}");
        }

        return GetAsync<AnchorPageDto>(path, cancellationToken);
    }

    private async Task<T> GetAsync<T>(string relativePath, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativePath, UriKind.Relative));
        return await SendAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string relativePath, TRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(relativePath, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: CarechainJson.Wire),
        };
        return await SendAsync<TResponse>(request, cancellationToken).ConfigureAwait(false);
    }
}
