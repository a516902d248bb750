using System.Globalization;
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
/// A peer's API as a member catching up sees it, built over an honest member's: the real head, and
/// the blocks the honest member serves passed through a test's change (<see cref="Tampering"/>,
/// <see cref="Slow"/>). Everything else answers 404.
/// </summary>
internal sealed class ProxyPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _honest;
    private readonly StrongBox<int> _batchesServed;

    private ProxyPeer(WebApplication app, HttpClient honest, Uri url, StrongBox<int> batchesServed)
    {
        _app = app;
        _honest = honest;
        _batchesServed = batchesServed;
        Url = url;
    }

    public Uri Url { get; }

    public int BatchesServed => Volatile.Read(ref _batchesServed.Value);

    /// <summary>A dishonest peer: every block with its header altered after signing, so its signature fails.</summary>
    public static Task<ProxyPeer> Tampering(Uri honestApi) =>
        StartAsync(honestApi, async (honest, from, query, aborted) =>
        {
            var real = await honest.GetByteArrayAsync("api/v1/sync/blocks" + query, aborted);
            return BlockBatch.Encode([.. BlockBatch.Decode(real)
                .Select(bytes => Block.Decode(bytes))
                .Select(b => (b with { Header = b.Header with { TimestampMs = b.Header.TimestampMs + 1 } }).Encode())]);
        });

    /// <summary>A slow honest peer: at most <paramref name="blocksPerBatch"/> blocks per answer, each after <paramref name="pause"/>, so a test can watch a member catch up.</summary>
    public static Task<ProxyPeer> Slow(Uri honestApi, int blocksPerBatch, TimeSpan pause) =>
        StartAsync(honestApi, async (honest, from, query, aborted) =>
        {
            await Task.Delay(pause, aborted);
            return await honest.GetByteArrayAsync(string.Create(CultureInfo.InvariantCulture, $"api/v1/sync/blocks?from={from}&max={blocksPerBatch}"), aborted);
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _honest.Dispose();
    }

    private static async Task<ProxyPeer> StartAsync(Uri honestApi, Func<HttpClient, long, QueryString, CancellationToken, Task<byte[]>> blocks)
    {
        var honest = new HttpClient { BaseAddress = honestApi, Timeout = TimeSpan.FromSeconds(15) };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var served = new StrongBox<int>();
        app.MapGet("/api/v1/head", async (HttpRequest request) =>
            Results.Content(await honest.GetStringAsync("api/v1/head", request.HttpContext.RequestAborted), "application/json"));
        app.MapGet("/api/v1/sync/blocks", async (long from, HttpRequest request) =>
        {
            var answer = await blocks(honest, from, request.QueryString, request.HttpContext.RequestAborted);
            Interlocked.Increment(ref served.Value);
            return Results.Bytes(answer, "application/octet-stream");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ProxyPeer(app, honest, new Uri(address.TrimEnd('/') + "/"), served);
    }
}
