using System.Diagnostics;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Verification;
using Carechain.Node;
using Carechain.Node.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carechain.Cli.Bench;

/// <summary>
/// The supply chain on a real dev node (RocksDB, synced blocks, HTTP on loopback): commissioning
/// rate in serials per second into committed blocks, pure verifications in-process, and recorded
/// verifications (signed supply/verify transactions) over HTTP, with round-trip percentiles.
/// </summary>
internal sealed class SupplyBench(SupplyBenchSettings settings, Action<string> report)
{
    private const int CheckClients = 16;
    private const int CheckBatch = 100;

    /// <summary>Untimed scans before the measured phases, so tiered JIT has compiled the hot paths (it re-compiles for the first thousands of calls).</summary>
    private const int WarmUp = 10_000;
    private static readonly Gtin Product = Gtin.Parse("09506000134352");

    public async Task<SupplyBenchResult> RunAsync(string folder, CancellationToken cancellationToken)
    {
        report($"raw Ed25519 verification on {Environment.ProcessorCount} cores");
        var verify = SignatureBaseline.Measure(TimeSpan.FromSeconds(2));
        var app = NodeHost.Build(new NodeOptions { DataDirectory = folder, Urls = "http://127.0.0.1:0" }, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(2) };
            var client = new CarechainClient(http);
            using var maker = SigningKey.Generate();
            using var pharmacy = SigningKey.Generate();
            using var regulator = SigningKey.Generate();
            await SetUpAsync(client, folder, maker, pharmacy, regulator, cancellationToken).ConfigureAwait(false);

            report($"commissioning {settings.Batches:N0} batches of {settings.SerialsPerBatch:N0} serials");
            var (serials, commissionRate) = await CommissionAsync(client, maker, cancellationToken).ConfigureAwait(false);

            var runtime = app.Services.GetRequiredService<NodeRuntime>();
            report($"warming up: {WarmUp:N0} untimed verifications in-process, single checks and batched checks over HTTP");
            _ = InProcess(runtime, pharmacy.PublicKey, serials, WarmUp, new SupplyReadCache());
            _ = InProcess(runtime, pharmacy.PublicKey, serials, WarmUp, cache: null);
            _ = await ChecksOverHttpAsync(client, pharmacy.PublicKey, Codes(serials, 5, WarmUp)).ConfigureAwait(false);
            _ = await BatchedChecksOverHttpAsync(client, pharmacy.PublicKey, Codes(serials, 6, WarmUp)).ConfigureAwait(false);

            report("verifying in-process over the node's store, as the API reads it (one catalogue cache per block) and as execution does (no cache)");
            var inProcess = InProcess(runtime, pharmacy.PublicKey, serials, settings.Verifications, new SupplyReadCache());
            var uncached = InProcess(runtime, pharmacy.PublicKey, serials, settings.Verifications, cache: null);

            report($"checking {settings.Verifications:N0} scans over HTTP ({CheckClients} concurrent clients, nothing recorded)");
            var checks = await ChecksOverHttpAsync(client, pharmacy.PublicKey, Codes(serials, 3, settings.Verifications)).ConfigureAwait(false);

            report($"checking {settings.Verifications:N0} scans over HTTP in batches of {CheckBatch} ({CheckClients} concurrent clients, nothing recorded)");
            var batched = await BatchedChecksOverHttpAsync(client, pharmacy.PublicKey, Codes(serials, 4, settings.Verifications)).ConfigureAwait(false);

            report($"recording {settings.Verifications:N0} verifications over HTTP");
            var (httpRate, httpCpu, p50, p99) = await OverHttpAsync(client, serials, cancellationToken).ConfigureAwait(false);
            return new SupplyBenchResult(
                Environment.ProcessorCount, Math.Round(verify), serials, Math.Round(commissionRate), Math.Round(commissionRate / verify, 3),
                Math.Round(inProcess.Rate), Math.Round(inProcess.P99Ms, 3), Micros(inProcess.CpuMsPerCall),
                Math.Round(uncached.Rate), Micros(uncached.CpuMsPerCall),
                settings.Verifications, Math.Round(httpRate), Micros(httpCpu), Math.Round(p50, 2), Math.Round(p99, 2),
                Math.Round(checks.Rate), Math.Round(checks.P50Ms, 3), Math.Round(checks.P99Ms, 3), Micros(checks.CpuMsPerCall),
                CheckBatch, Math.Round(batched.Rate), Math.Round(batched.P50Ms, 3), Math.Round(batched.P99Ms, 3), Micros(batched.CpuMsPerCall));
        }
        finally
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task SetUpAsync(CarechainClient client, string folder, SigningKey maker, SigningKey pharmacy, SigningKey regulator, CancellationToken ct)
    {
        using var admin = SigningKey.FromSeed(Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(folder, "node.seed"), ct).ConfigureAwait(false)).Trim()));
        var governor = await TransactionSigner.ForNodeAsync(client, admin, ct).ConfigureAwait(false);
        foreach (var (id, kind, key) in new[] { ("maker", OrganisationKind.Manufacturer, maker), ("pharmacy", OrganisationKind.Pharmacy, pharmacy), ("regulator", OrganisationKind.Regulator, regulator) })
        {
            var action = new AddOrganisationAction(new Organisation(OrganisationId.Parse(id), id, kind, [key.PublicKey], []));
            await CommitAsync(governor, await governor.CreateAsync(GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(action), ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }

        var byRegulator = await TransactionSigner.ForNodeAsync(client, regulator, ct).ConfigureAwait(false);
        _ = CompanyPrefix.TryParse("950600", out var prefix);
        await CommitAsync(byRegulator, await byRegulator.AssignPrefixAsync(prefix, OrganisationId.Parse("maker"), ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        var byMaker = await TransactionSigner.ForNodeAsync(client, maker, ct).ConfigureAwait(false);
        await CommitAsync(byMaker, await byMaker.RegisterProductAsync(Product, "Bench product", ct).ConfigureAwait(false), ct).ConfigureAwait(false);
    }

    private async Task<(long Serials, double Rate)> CommissionAsync(CarechainClient client, SigningKey maker, CancellationToken ct)
    {
        var signer = await TransactionSigner.ForNodeAsync(client, maker, ct).ConfigureAwait(false);
        var batches = new List<Transaction>(settings.Batches);
        for (var b = 0; b < settings.Batches; b++)
        {
            var range = new SerialRange("B", 12, (long)b * settings.SerialsPerBatch, settings.SerialsPerBatch);
            batches.Add(await signer.CommissionAsync(new CommissionRequest(Product, "LOT1", new DateOnly(2035, 12, 31), [range], string.Empty), ct).ConfigureAwait(false));
        }

        var clock = Stopwatch.StartNew();
        if (batches.Count > 1)
        {
            await client.SubmitBatchAsync(batches.Take(batches.Count - 1), ct).ConfigureAwait(false);
        }

        await CommitAsync(signer, batches[^1], ct).ConfigureAwait(false);
        var serials = (long)settings.Batches * settings.SerialsPerBatch;
        return (serials, serials / clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// One thread verifying scans in a loop straight over the node's store, with a catalogue cache as
    /// the node's API reads (no block commits meanwhile, so one cache serves the run) or without, as a
    /// block's execution reads; CPU per verification is that thread's and the process's background work together.
    /// </summary>
    private static LoadFigures InProcess(NodeRuntime runtime, Ed25519PublicKey verifier, long serials, int count, SupplyReadCache? cache)
    {
        var state = new SupplyState(new ModuleStateReader(runtime.Store, SupplyModule.ModuleName), cache);
        var permissions = new Permissions(runtime.Store, runtime.Chain.Genesis);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var latencies = new double[count];
        var random = new Random(1);
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < latencies.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var request = new VerifyRequest(PackId.Create(Product, SerialOf(random.NextInt64(serials))), "LOT1", null, string.Empty);
            if (PackVerification.Reasons(state, permissions, request, verifier, now).Count != 1)
            {
                throw new InvalidOperationException("A commissioned pack at its manufacturer should be suspect only as held by another.");
            }

            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var elapsed = clock.Elapsed;
        return new LoadFigures(latencies.Length / elapsed.TotalSeconds, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), cpu.MillisecondsPer(count));
    }

    /// <summary>Read-only checks (GET /supply/check) from concurrent clients, each waiting for its answer before the next.</summary>
    private static Task<LoadFigures> ChecksOverHttpAsync(CarechainClient client, Ed25519PublicKey verifier, string[] codes) =>
        ConcurrentlyAsync(codes, 1, async codes =>
        {
            var answer = await client.CheckPackAsync(codes[0], verifier, "counter").ConfigureAwait(false);
            return answer.Status is "authentic" or "suspect";
        });

    /// <summary>Read-only checks of <see cref="CheckBatch"/> scans per request (POST /supply/check), status and reasons only, as goods-in checks an opened case.</summary>
    private static Task<LoadFigures> BatchedChecksOverHttpAsync(CarechainClient client, Ed25519PublicKey verifier, string[] codes) =>
        ConcurrentlyAsync(codes, CheckBatch, async codes =>
        {
            var answer = await client.CheckPacksAsync(codes, verifier, "goods-in", history: false).ConfigureAwait(false);
            return answer.Results.Count == codes.Count && answer.Results.All(r => r.Status is "authentic" or "suspect");
        });

    private static string[] Codes(long serials, int seed, int count)
    {
        var codes = new string[count];
        var random = new Random(seed);
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = $"(01){Product.Value}(21){SerialOf(random.NextInt64(serials))}(10)LOT1";
        }

        return codes;
    }

    /// <summary>
    /// <see cref="CheckClients"/> clients take requests of <paramref name="perRequest"/> codes until
    /// none are left, each waiting for its answer; the rate and the process's CPU count codes, the
    /// percentiles requests. The clients run in the node's process, so the CPU is the node's and theirs.
    /// </summary>
    private static async Task<LoadFigures> ConcurrentlyAsync(
        string[] codes, int perRequest, Func<IReadOnlyList<string>, Task<bool>> send)
    {
        var requests = codes.Chunk(perRequest).ToArray();
        var latencies = new double[requests.Length];
        var next = -1;
        var cpu = CpuClock.Start();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, CheckClients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Length)
            {
                var start = Stopwatch.GetTimestamp();
                var answered = await send(requests[i]).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!answered)
                {
                    throw new InvalidOperationException("the bench's check got no answer for every code");
                }
            }
        }))).ConfigureAwait(false);
        var rate = codes.Length / clock.Elapsed.TotalSeconds;
        return new LoadFigures(rate, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), cpu.MillisecondsPer(codes.Length));
    }

    private async Task<(double Rate, double CpuMsPerVerification, double P50Ms, double P99Ms)> OverHttpAsync(CarechainClient client, long serials, CancellationToken ct)
    {
        // Patients' keys: anyone may verify, and many keys keep nonces from serialising the load.
        var keys = Enumerable.Range(0, Math.Min(64, settings.Verifications)).Select(_ => SigningKey.Generate()).ToArray();
        try
        {
            var random = new Random(2);
            var signed = new List<Transaction>(settings.Verifications);
            var nonces = new ulong[keys.Length];
            for (var i = 0; i < settings.Verifications; i++)
            {
                var k = i % keys.Length;
                var request = new VerifyRequest(PackId.Create(Product, SerialOf(random.NextInt64(serials))), "LOT1", null, "bench-" + k);
                signed.Add(Transaction.Create(keys[k], NodeOptions.DevChainId, ++nonces[k], SupplyModule.ModuleName, SupplyOperations.Verify, request.Encode()));
            }

            var cpu = CpuClock.Start();
            var clock = Stopwatch.StartNew();
            foreach (var chunk in signed.Chunk(1_000))
            {
                await client.SubmitBatchAsync(chunk, ct).ConfigureAwait(false);
            }

            await WaitCommittedAsync(client, signed[^1].Id, ct).ConfigureAwait(false);
            var rate = signed.Count / clock.Elapsed.TotalSeconds;
            var cpuPerVerification = cpu.MillisecondsPer(signed.Count);

            var samples = Math.Min(200, settings.Verifications);
            var latencies = new double[samples];
            var signer = await TransactionSigner.ForNodeAsync(client, keys[0], ct).ConfigureAwait(false);
            for (var i = 0; i < samples; i++)
            {
                var request = new VerifyRequest(PackId.Create(Product, SerialOf(random.NextInt64(serials))), null, null, "bench-0");
                var start = Stopwatch.GetTimestamp();
                var tx = await signer.VerifyAsync(request, ct).ConfigureAwait(false);
                await signer.SubmitAsync(tx, waitForCommit: true, cancellationToken: ct).ConfigureAwait(false);
                await client.GetVerificationAsync(tx.Id, cancellationToken: ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            return (rate, cpuPerVerification, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
        }
        finally
        {
            Array.ForEach(keys, k => k.Dispose());
        }
    }

    private static async Task CommitAsync(TransactionSigner signer, Transaction tx, CancellationToken ct)
    {
        var response = await signer.SubmitAsync(tx, waitForCommit: true, cancellationToken: ct).ConfigureAwait(false);
        if (response.Receipt?.Status != "success")
        {
            throw new InvalidOperationException($"bench set-up transaction {tx.Operation} failed: {response.Receipt?.ErrorCode}");
        }
    }

    private static async Task WaitCommittedAsync(CarechainClient client, TxId id, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await client.GetTransactionAsync(id, ct).ConfigureAwait(false);
                return;
            }
            catch (CarechainApiException ex) when (ex.Code == "not_found")
            {
                await Task.Delay(20, ct).ConfigureAwait(false);
            }
        }
    }

    private static double Micros(double milliseconds) => Math.Round(milliseconds * 1000, 1);

    private static string SerialOf(long index) => "B" + index.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}
