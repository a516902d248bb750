using Carechain.Client;

namespace Carechain.Cli;

/// <summary>An HTTP connection to one node for the length of a command, with timeouts that fail fast on a dead address.</summary>
internal sealed class NodeConnection : IDisposable
{
    /// <summary>How long a node may hold a submission while waiting for it to commit.</summary>
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    private NodeConnection(HttpClient http)
    {
        _http = http;
        Client = new CarechainClient(http);
    }

    public CarechainClient Client { get; }

    /// <summary>Throws a usage error for anything but an absolute http(s) URL.</summary>
    public static NodeConnection Open(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw CliException.Usage($"--node must be an http:// or https:// URL, not '{url}'");
        }

        // Request paths are relative: without a trailing '/', a base path (behind a proxy) would be dropped.
        if (!uri.AbsolutePath.EndsWith('/'))
        {
            uri = new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
        }

        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        return new NodeConnection(new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = uri,
            // Longer than CommitWait, so a slow commit is reported by the node (commit_timeout), not by us.
            Timeout = CommitWait + TimeSpan.FromSeconds(30),
        });
    }

    public void Dispose() => _http.Dispose();
}
