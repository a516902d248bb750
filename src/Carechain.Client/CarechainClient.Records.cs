using System.Net.Http.Headers;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;

namespace Carechain.Client;

/// <summary>Signing in (challenge → bearer token) and the patient view of records, grants and accesses.</summary>
public sealed partial class CarechainClient
{
    public Task<AuthChallengeDto> CreateChallengeAsync(Ed25519PublicKey key, CancellationToken cancellationToken = default) =>
        PostAsync<AuthChallengeRequest, AuthChallengeDto>("api/v1/auth/challenge", new AuthChallengeRequest(key.ToString()), cancellationToken);

    public Task<AuthTokenDto> RequestTokenAsync(AuthTokenRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<AuthTokenRequest, AuthTokenDto>("api/v1/auth/token", request, cancellationToken);

    /// <summary>Asks for a challenge, signs it with <paramref name="key"/> and exchanges it for a bearer token.</summary>
    public async Task<AuthTokenDto> AuthenticateAsync(SigningKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var challenge = await CreateChallengeAsync(key.PublicKey, cancellationToken).ConfigureAwait(false);
        var signature = AuthChallengeMessage.Sign(key, challenge.ChainId, challenge.Challenge);
        return await RequestTokenAsync(new AuthTokenRequest(key.PublicKey.ToString(), challenge.Challenge, signature.ToString()), cancellationToken).ConfigureAwait(false);
    }

    public Task<PatientRecordsDto> GetPatientRecordsAsync(Ed25519PublicKey patient, string token, string? after = null, CancellationToken cancellationToken = default) =>
        GetAuthorizedAsync<PatientRecordsDto>(Paged($"api/v1/patients/{patient}/records", after), token, cancellationToken);

    public Task<PatientGrantsDto> GetPatientGrantsAsync(Ed25519PublicKey patient, string token, string? after = null, CancellationToken cancellationToken = default) =>
        GetAuthorizedAsync<PatientGrantsDto>(Paged($"api/v1/patients/{patient}/grants", after), token, cancellationToken);

    public Task<PatientAccessDto> GetPatientAccessAsync(Ed25519PublicKey patient, string token, string? after = null, CancellationToken cancellationToken = default) =>
        GetAuthorizedAsync<PatientAccessDto>(Paged($"api/v1/patients/{patient}/access", after), token, cancellationToken);

    /// <summary>An organisation's break-glasses awaiting review; for its auditors and admins.</summary>
    public Task<PendingReviewsDto> GetPendingReviewsAsync(string organisation, string token, string? after = null, CancellationToken cancellationToken = default) =>
        GetAuthorizedAsync<PendingReviewsDto>(Paged($"api/v1/organisations/{Uri.EscapeDataString(organisation)}/break-glass/pending", after), token, cancellationToken);

    /// <summary>Reads a record's anchor as the token's key, for <paramref name="purpose"/>; the node logs the read on the chain first.</summary>
    public Task<RecordReadDto> ReadRecordAsync(Hash256 recordId, string purpose, string token, CancellationToken cancellationToken = default) =>
        GetAuthorizedAsync<RecordReadDto>($"api/v1/records/{recordId}?purpose={Uri.EscapeDataString(purpose)}", token, cancellationToken);

    /// <summary>Whether the token's key may read the record for <paramref name="purpose"/> now; nothing is logged.</summary>
    public Task<AccessDecisionDto> CheckAccessAsync(Hash256 recordId, string purpose, string token, CancellationToken cancellationToken = default) =>
        GetAuthorizedAsync<AccessDecisionDto>($"api/v1/records/{recordId}/access-check?purpose={Uri.EscapeDataString(purpose)}", token, cancellationToken);

    private static string Paged(string path, string? after) =>
        after is null ? path : path + "?after=" + Uri.EscapeDataString(after);

    private async Task<T> GetAuthorizedAsync<T>(string relativePath, string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativePath, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await SendAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }
}
