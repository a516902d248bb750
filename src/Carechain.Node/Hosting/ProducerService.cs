using Microsoft.Extensions.Hosting;

namespace Carechain.Node.Hosting;

/// <summary>Runs the solo block producer for the lifetime of the host.</summary>
internal sealed class ProducerService(NodeRuntime runtime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Run(() => runtime.Producer!.RunAsync(stoppingToken), stoppingToken);
}
