using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.IntegrationTests.Consortium;

/// <summary>
/// An honest member's API as a slow peer would serve it to a member catching up: the real head and
/// the real blocks, but at most <c>blocksPerBatch</c> blocks per answer, each answer after a pause,
/// so a test can watch a member while it catches up. Everything else answers 404.
/// </summary>
internal sealed class SlowPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _honest;
    private readonly StrongBox<int> _batchesServed;

    private SlowPeer(WebApplication app, HttpClient honest, Uri url, StrongBox<int> batchesServed)
    {
        _app = app;
        _honest = honest;
        _batchesServed = batchesServed;
        Url = url;
    }

    public Uri Url { get; }

    public int BatchesServed => Volatile.Read(ref _batchesServed.Value);

    public static async Task<SlowPeer> StartAsync(Uri honestApi, int blocksPerBatch, TimeSpan pause)
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
            await Task.Delay(pause, request.HttpContext.RequestAborted);
            var real = await honest.GetByteArrayAsync(
                string.Create(CultureInfo.InvariantCulture, $"api/v1/sync/blocks?from={from}&max={blocksPerBatch}"), request.HttpContext.RequestAborted);
            Interlocked.Increment(ref served.Value);
            return Results.Bytes(real, "application/octet-stream");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlowPeer(app, honest, new Uri(address.TrimEnd('/') + "/"), served);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _honest.Dispose();
    }
}
