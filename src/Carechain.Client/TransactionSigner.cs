using System.Text;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;
using Carechain.Modules.Notary;

namespace Carechain.Client;

/// <summary>
/// Builds, signs and submits transactions for one key on one chain. The first transaction asks the
/// node for the key's next nonce; later ones count up locally, so a burst of transactions costs no
/// extra round trips. Nonces are handed out in call order and never twice. When a submission through
/// <see cref="SubmitAsync"/> fails, the node may or may not have taken the nonce, so the local count is
/// dropped and fetched again for the next transaction. Unlike the raw <see cref="CarechainClient"/>, its
/// submit methods wait for the commit unless told otherwise. Thread-safe; it neither owns nor disposes
/// the key or the client.
/// </summary>
public sealed class TransactionSigner
{
    private readonly CarechainClient _client;
    private readonly SigningKey _key;
    private readonly Lock _lock = new();

    // The nonce the next transaction gets; 0 (never a valid nonce) means "ask the node first".
    private ulong _next;

    public TransactionSigner(CarechainClient client, SigningKey key, string chainId)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(chainId);
        _client = client;
        _key = key;
        ChainId = chainId;
    }

    public string ChainId { get; }

    public Ed25519PublicKey PublicKey => _key.PublicKey;

    /// <summary>A signer for the chain the node serves (its chain id is read from <c>GET /api/v1/chain</c>).</summary>
    public static async Task<TransactionSigner> ForNodeAsync(CarechainClient client, SigningKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var chain = await client.GetChainInfoAsync(cancellationToken).ConfigureAwait(false);
        return new TransactionSigner(client, key, chain.ChainId);
    }

    /// <summary>Forgets the local nonce count, so the next transaction asks the node again (after submitting elsewhere, e.g. in a batch that partly failed).</summary>
    public void ResetNonce()
    {
        lock (_lock)
        {
            _next = 0;
        }
    }

    /// <summary>Signs a transaction with the next nonce. It is not submitted.</summary>
    public async Task<Transaction> CreateAsync(string module, string operation, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var nonce = await NextNonceAsync(cancellationToken).ConfigureAwait(false);
        return Transaction.Create(_key, ChainId, nonce, module, operation, payload.Span);
    }

    /// <summary>A notary anchor. Throws <see cref="ArgumentException"/> for a request every node would refuse (bad label or media type).</summary>
    public Task<Transaction> CreateAnchorAsync(AnchorRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Encoding.UTF8.GetByteCount(request.Label) > AnchorRequest.MaxLabelBytes
            || Encoding.UTF8.GetByteCount(request.MediaType) > AnchorRequest.MaxMediaTypeBytes
            || request.Validate() is not null)
        {
            throw new ArgumentException(
                $"The label must be at most {AnchorRequest.MaxLabelBytes} bytes without control characters or surrounding spaces, and the media type a type/subtype of at most {AnchorRequest.MaxMediaTypeBytes} bytes.",
                nameof(request));
        }

        return CreateAsync(NotaryModule.ModuleName, AnchorRequest.Operation, request.Encode(), cancellationToken);
    }

    /// <summary>Registers this key under a display name with a self-registrable role (<see cref="IdentityRole.SelfRegistrable"/>).</summary>
    public Task<Transaction> CreateRegisterAsync(string displayName, string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(role);
        return CreateAsync(IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister(displayName, role), cancellationToken);
    }

    /// <summary>Hands this key's identity to <paramref name="newKey"/>, which signs the hand-over; afterwards this key can sign nothing.</summary>
    public Task<Transaction> CreateRotateAsync(SigningKey newKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        if (newKey.PublicKey == PublicKey)
        {
            throw new ArgumentException("A key cannot rotate to itself.", nameof(newKey));
        }

        return CreateAsync(IdentityModule.ModuleName, IdentityPayloads.Rotate, IdentityPayloads.EncodeRotate(ChainId, PublicKey, newKey), cancellationToken);
    }

    /// <summary>Revokes this key for good; afterwards it can sign nothing.</summary>
    public Task<Transaction> CreateRevokeAsync(CancellationToken cancellationToken = default) =>
        CreateAsync(IdentityModule.ModuleName, IdentityPayloads.Revoke, ReadOnlyMemory<byte>.Empty, cancellationToken);

    /// <summary>
    /// Submits a transaction this signer created (see <see cref="CarechainClient.SubmitTransactionAsync(Transaction, bool, TimeSpan?, CancellationToken)"/>).
    /// On any failure the local nonce count is dropped before the exception propagates.
    /// </summary>
    public async Task<SubmitTransactionResponse> SubmitAsync(
        Transaction transaction, bool waitForCommit = true, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        try
        {
            return await _client.SubmitTransactionAsync(transaction, waitForCommit, commitTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CarechainApiException or OperationCanceledException)
        {
            ResetNonce();
            throw;
        }
    }

    public async Task<SubmitTransactionResponse> AnchorAsync(
        AnchorRequest request, bool waitForCommit = true, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default) =>
        await SubmitAsync(await CreateAnchorAsync(request, cancellationToken).ConfigureAwait(false), waitForCommit, commitTimeout, cancellationToken).ConfigureAwait(false);

    public async Task<SubmitTransactionResponse> RegisterAsync(
        string displayName, string role, bool waitForCommit = true, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default) =>
        await SubmitAsync(await CreateRegisterAsync(displayName, role, cancellationToken).ConfigureAwait(false), waitForCommit, commitTimeout, cancellationToken).ConfigureAwait(false);

    public async Task<SubmitTransactionResponse> RotateAsync(
        SigningKey newKey, bool waitForCommit = true, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default) =>
        await SubmitAsync(await CreateRotateAsync(newKey, cancellationToken).ConfigureAwait(false), waitForCommit, commitTimeout, cancellationToken).ConfigureAwait(false);

    public async Task<SubmitTransactionResponse> RevokeAsync(
        bool waitForCommit = true, TimeSpan? commitTimeout = null, CancellationToken cancellationToken = default) =>
        await SubmitAsync(await CreateRevokeAsync(cancellationToken).ConfigureAwait(false), waitForCommit, commitTimeout, cancellationToken).ConfigureAwait(false);

    private async Task<ulong> NextNonceAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_next != 0)
            {
                return _next++;
            }
        }

        var answer = await _client.GetNonceAsync(PublicKey, cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            // Concurrent first callers may all have asked; the first answer stored wins and the rest
            // count on from it, so no nonce is handed out twice. Never below committed + 1 (so never 0).
            if (_next == 0)
            {
                _next = Math.Max(answer.Next, answer.Committed + 1);
            }

            return _next++;
        }
    }
}
