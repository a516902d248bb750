using System.Runtime.CompilerServices;
using Carechain.Ledger.Blocks;
using Carechain.Ledger.Replication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// A member's API as a dishonest peer would serve it to a member catching up: the real head of an
/// honest member, but every block with its header altered after signing (so its signature fails).
/// Everything else answers 404.
/// </summary>
internal sealed class TamperingPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _honest;
    private readonly StrongBox<int> _batchesServed;

    private TamperingPeer(WebApplication app, HttpClient honest, Uri url, StrongBox<int> batchesServed)
    {
        _app = app;
        _honest = honest;
        _batchesServed = batchesServed;
        Url = url;
    }

    public Uri Url { get; }

    public int BatchesServed => Volatile.Read(ref _batchesServed.Value);

    public static async Task<TamperingPeer> StartAsync(Uri honestApi)
    {
        var honest = new HttpClient { BaseAddress = honestApi, Timeout = TimeSpan.FromSeconds(15) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var served = new StrongBox<int>();
        app.MapGet("/api/v1/head", async (HttpRequest request) =>
            Results.Content(await honest.GetStringAsync("api/v1/head", request.HttpContext.RequestAborted), "application/json"));
        app.MapGet("/api/v1/sync/blocks", async (HttpRequest request) =>
        {
            var real = await honest.GetByteArrayAsync("api/v1/sync/blocks" + request.QueryString, request.HttpContext.RequestAborted);
            var tampered = BlockBatch.Decode(real)
                .Select(bytes => Block.Decode(bytes))
                .Select(b => (b with { Header = b.Header with { TimestampMs = b.Header.TimestampMs + 1 } }).Encode())
                .ToList();
            Interlocked.Increment(ref served.Value);
            return Results.Bytes(BlockBatch.Encode(tampered), "application/octet-stream");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TamperingPeer(app, honest, new Uri(address.TrimEnd('/') + "/"), served);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _honest.Dispose();
    }
}
