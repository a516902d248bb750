using System.Net.Http.Json;
using System.Text.Json;
using Carechain.Client;
using Carechain.Client.Contracts;

namespace Carechain.Cli.Network;

/// <summary>
/// Asks one node of a consortium how it is, with a short timeout, so a dead or hung node is reported
/// "down" instead of stalling the whole report.
/// </summary>
internal sealed class NodeProbe : IDisposable
{
    public const string Down = "down";

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    private readonly HttpClient _http;
    private readonly CarechainClient _client;

    public NodeProbe(NetworkMember member)
    {
        Member = member;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = RequestTimeout }, disposeHandler: true)
        {
            BaseAddress = member.ApiUrl,
            Timeout = RequestTimeout,
        };
        _client = new CarechainClient(_http);
    }

    public NetworkMember Member { get; }

    public async Task<NodeSnapshot> ProbeAsync(CancellationToken cancellationToken)
    {
        string health;
        try
        {
            health = (await _client.GetHealthAsync(cancellationToken).ConfigureAwait(false)).Status;
        }
        catch (CarechainApiException ex) when (!ex.IsUnreachable)
        {
            // Serving but not healthy (for example stopped after a divergence): its head and role still tell why.
            health = ex.Code;
        }
        catch (CarechainApiException)
        {
            return new NodeSnapshot(Member, Down, null, "unreachable", null);
        }

        try
        {
            var head = await _client.GetHeadAsync(cancellationToken).ConfigureAwait(false);
            var membership = await _http.GetFromJsonAsync<MembershipDto>("api/v1/membership", CarechainJson.Wire, cancellationToken).ConfigureAwait(false);
            var certification = await _client.GetCertificationStatusAsync(cancellationToken).ConfigureAwait(false);
            return new NodeSnapshot(Member, membership!.Role, head, health, certification.LastCertifiedHeight);
        }
        catch (Exception ex) when (ex is CarechainApiException or HttpRequestException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // It stopped between the questions, or does not serve the membership endpoint.
            return new NodeSnapshot(Member, Down, null, "unreachable", null);
        }
    }

    /// <summary>True once the node answers <c>GET /health</c> with status ok.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.GetHealthAsync(cancellationToken).ConfigureAwait(false)).Status == "ok";
        }
        catch (CarechainApiException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
