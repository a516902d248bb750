using Carechain.Client;
using Carechain.Node;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.Testing;

/// <summary>
/// The real dev node (RocksDB store, solo producer, REST API on Kestrel), in this process on a free
/// loopback port: exactly what <c>carechain node run --dev</c> serves. The caller owns the data directory.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private InProcessNode(WebApplication app, string dataDirectory, string url)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Url = url;
        var chain = ((NodeRuntime)app.Services.GetService(typeof(NodeRuntime))!).Chain;
        ChainId = chain.ChainId;
        NodeKey = chain.NodeKey.ToString();
        Http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        Client = new CarechainClient(Http);
    }

    /// <summary>The node's base URL as given to <c>--node</c>, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public string DataDirectory { get; }

    public string ChainId { get; }

    /// <summary>The key the node signs checkpoints with (hex), for <c>--trusted-key</c>.</summary>
    public string NodeKey { get; }

    /// <summary>Plain HTTP to the node, for reading what it serves independently of the CLI.</summary>
    public HttpClient Http { get; }

    public CarechainClient Client { get; }

    /// <summary>The running node's services, for a test that checks what the node keeps off the chain (its vault).</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="time">The node's clock (a <see cref="ShiftedClock"/> to jump ahead); the system clock by default.</param>
    /// <param name="vault">The record vault's backend; PostgreSQL takes its connection string from CARECHAIN_VAULT_POSTGRES.</param>
    public static async Task<InProcessNode> StartAsync(string dataDirectory, TimeProvider? time = null, Carechain.Vault.VaultBackend vault = Carechain.Vault.VaultBackend.RocksDb)
    {
        var app = NodeHost.Build(
            new NodeOptions { DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0", Vault = vault },
            logging => logging.SetMinimumLevel(LogLevel.Warning),
            time);
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new InProcessNode(app, dataDirectory, address.TrimEnd('/'));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops serving and closes the store (flushing it to table files); the data directory stays.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
