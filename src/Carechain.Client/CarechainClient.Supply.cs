using System.Globalization;
using Carechain.Client.Contracts;
using Carechain.Ledger.Transactions;

namespace Carechain.Client;

/// <summary>
/// Supply-chain reads: packs, recorded verifications, alerts and EPCIS events. Changes go through <see cref="SupplyTransactions"/>.
/// A history names who and where only for a caller the node counts as party to the pack, or a
/// regulator: pass such a key's bearer <c>token</c> (<see cref="AuthenticateAsync"/>); without one, or
/// for anyone else, the events come without their organisations, keys, sites and transactions.
/// </summary>
public sealed partial class CarechainClient
{
    /// <summary>A pack by any GS1 form of its code (scanner string, bracketed, Digital Link); <c>not_found</c> if never commissioned.</summary>
    public Task<PackDto> GetPackAsync(string code, string? token = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        return GetAsViewerAsync<PackDto>("api/v1/supply/packs?code=" + Uri.EscapeDataString(code), token, cancellationToken);
    }

    /// <summary>What verifying this scan by <paramref name="verifier"/> would answer now, without recording it (see <c>GET /supply/check</c>).</summary>
    public Task<PackCheckDto> CheckPackAsync(
        string code, Core.Crypto.Ed25519PublicKey verifier, string? location = null, string? token = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var path = $"api/v1/supply/check?code={Uri.EscapeDataString(code)}&verifier={verifier}";
        return GetAsViewerAsync<PackCheckDto>(location is null ? path : path + "&location=" + Uri.EscapeDataString(location), token, cancellationToken);
    }

    /// <summary>Checks many scans by one verifier at one place in one request; nothing is recorded. Answers come in the order of <paramref name="codes"/>.</summary>
    public async Task<PackCheckBatchDto> CheckPacksAsync(
        IReadOnlyList<string> codes, Core.Crypto.Ed25519PublicKey verifier, string? location = null, bool history = true, string? token = null,
        CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/supply/check", UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new PackCheckBatchRequest(verifier.ToString(), location, codes, history ? null : false), options: CarechainJson.Wire),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync<PackCheckBatchDto>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer a committed supply/verify transaction got.</summary>
    public Task<VerificationDto> GetVerificationAsync(TxId id, string? token = null, CancellationToken cancellationToken = default) =>
        GetAsViewerAsync<VerificationDto>($"api/v1/supply/verifications/{id}", token, cancellationToken);

    /// <summary>
    /// Alerts raised after sequence <paramref name="after"/>, for a regulator's bearer <paramref name="token"/> (see
    /// <see cref="AuthenticateAsync"/>; <c>forbidden</c> for other keys); with <paramref name="wait"/> the node holds the
    /// request until one arrives or the wait ends.
    /// </summary>
    public Task<SupplyAlertPageDto> ListSupplyAlertsAsync(string token, long after = 0, int? limit = null, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        var path = string.Create(CultureInfo.InvariantCulture, $"api/v1/supply/alerts?after={after}");
        if (limit is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(limit));
            path += string.Create(CultureInfo.InvariantCulture, $"&limit={count}");
        }

        if (wait is { } w && w > TimeSpan.Zero)
        {
            path += string.Create(CultureInfo.InvariantCulture, $"&waitMs={(long)Math.Ceiling(w.TotalMilliseconds)}");
        }

        return GetAuthorizedAsync<SupplyAlertPageDto>(path, token, cancellationToken);
    }

    /// <summary>A pack's events as an EPCIS 2.0 JSON-LD query document.</summary>
    public Task<System.Text.Json.JsonElement> GetEpcisEventsAsync(string epc, string? token = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(epc);
        return GetAsViewerAsync<System.Text.Json.JsonElement>("epcis/events?epc=" + Uri.EscapeDataString(epc), token, cancellationToken);
    }

    /// <summary>
    /// POST an EPCIS 2.0 document whose events each carry their signed transaction (see <see cref="Epcis.EpcisMapping"/>).
    /// 202 with the capture id and each event's transaction; <c>epcis_invalid</c> (422) or <c>epcis_duplicate_capture</c> (409) otherwise.
    /// </summary>
    public Task<EpcisCaptureResponse> CaptureEpcisAsync(System.Text.Json.Nodes.JsonObject document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return PostAsync<System.Text.Json.Nodes.JsonObject, EpcisCaptureResponse>("epcis/capture", document, cancellationToken);
    }

    /// <summary>The state of a capture job: running until every event's transaction is in a block, then success or the errors.</summary>
    public Task<EpcisCaptureJobDto> GetEpcisCaptureJobAsync(string captureId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(captureId);
        return GetAsync<EpcisCaptureJobDto>("epcis/capture/" + Uri.EscapeDataString(captureId), cancellationToken);
    }

    private Task<T> GetAsViewerAsync<T>(string relativePath, string? token, CancellationToken cancellationToken) =>
        token is null ? GetAsync<T>(relativePath, cancellationToken) : GetAuthorizedAsync<T>(relativePath, token, cancellationToken);
}
