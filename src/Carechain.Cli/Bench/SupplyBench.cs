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

            report("verifying in-process over the node's store");
            var runtime = app.Services.GetRequiredService<NodeRuntime>();
            var (inProcessRate, inProcessP99) = InProcess(runtime, pharmacy.PublicKey, serials);

            report($"checking {settings.Verifications:N0} scans over HTTP ({CheckClients} concurrent clients, nothing recorded)");
            var (checkRate, checkP50, checkP99) = await ChecksOverHttpAsync(client, pharmacy.PublicKey, serials, cancellationToken).ConfigureAwait(false);

            report($"checking {settings.Verifications:N0} scans over HTTP in batches of {CheckBatch} ({CheckClients} concurrent clients, nothing recorded)");
            var (batchedRate, batchP50, batchP99) = await BatchedChecksOverHttpAsync(client, pharmacy.PublicKey, serials, cancellationToken).ConfigureAwait(false);

            report($"recording {settings.Verifications:N0} verifications over HTTP");
            var (httpRate, p50, p99) = await OverHttpAsync(client, serials, cancellationToken).ConfigureAwait(false);
            return new SupplyBenchResult(
                Environment.ProcessorCount, Math.Round(verify), serials, Math.Round(commissionRate), Math.Round(commissionRate / verify, 3),
                Math.Round(inProcessRate), Math.Round(inProcessP99, 3), settings.Verifications, Math.Round(httpRate), Math.Round(p50, 2), Math.Round(p99, 2),
                Math.Round(checkRate), Math.Round(checkP50, 3), Math.Round(checkP99, 3),
                CheckBatch, Math.Round(batchedRate), Math.Round(batchP50, 3), Math.Round(batchP99, 3));
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

    private (double Rate, double P99Ms) InProcess(NodeRuntime runtime, Ed25519PublicKey verifier, long serials)
    {
        var state = new SupplyState(new ModuleStateReader(runtime.Store, SupplyModule.ModuleName));
        var permissions = new Permissions(runtime.Store, runtime.Chain.Genesis);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var latencies = new double[settings.Verifications];
        var random = new Random(1);
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

        return (latencies.Length / clock.Elapsed.TotalSeconds, Percentiles.Of(latencies, 99));
    }

    /// <summary>Read-only checks (GET /supply/check) from concurrent clients, each waiting for its answer before the next.</summary>
    private Task<(double Rate, double P50Ms, double P99Ms)> ChecksOverHttpAsync(
        CarechainClient client, Ed25519PublicKey verifier, long serials, CancellationToken ct) =>
        ConcurrentlyAsync(Codes(serials, 3), 1, async codes =>
        {
            var answer = await client.CheckPackAsync(codes[0], verifier, "counter", ct).ConfigureAwait(false);
            return answer.Status is "authentic" or "suspect";
        });

    /// <summary>Read-only checks of <see cref="CheckBatch"/> scans per request (POST /supply/check), status and reasons only, as goods-in checks an opened case.</summary>
    private Task<(double Rate, double P50Ms, double P99Ms)> BatchedChecksOverHttpAsync(
        CarechainClient client, Ed25519PublicKey verifier, long serials, CancellationToken ct) =>
        ConcurrentlyAsync(Codes(serials, 4), CheckBatch, async codes =>
        {
            var answer = await client.CheckPacksAsync(codes, verifier, "goods-in", history: false, ct).ConfigureAwait(false);
            return answer.Results.Count == codes.Count && answer.Results.All(r => r.Status is "authentic" or "suspect");
        });

    private string[] Codes(long serials, int seed)
    {
        var codes = new string[settings.Verifications];
        var random = new Random(seed);
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = $"(01){Product.Value}(21){SerialOf(random.NextInt64(serials))}(10)LOT1";
        }

        return codes;
    }

    /// <summary>
    /// <see cref="CheckClients"/> clients take requests of <paramref name="perRequest"/> codes until
    /// none are left, each waiting for its answer; the rate counts codes, the percentiles requests.
    /// </summary>
    private static async Task<(double Rate, double P50Ms, double P99Ms)> ConcurrentlyAsync(
        string[] codes, int perRequest, Func<IReadOnlyList<string>, Task<bool>> send)
    {
        var requests = codes.Chunk(perRequest).ToArray();
        var latencies = new double[requests.Length];
        var next = -1;
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
        return (rate, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
    }

    private async Task<(double Rate, double P50Ms, double P99Ms)> OverHttpAsync(CarechainClient client, long serials, CancellationToken ct)
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

            var clock = Stopwatch.StartNew();
            foreach (var chunk in signed.Chunk(1_000))
            {
                await client.SubmitBatchAsync(chunk, ct).ConfigureAwait(false);
            }

            await WaitCommittedAsync(client, signed[^1].Id, ct).ConfigureAwait(false);
            var rate = signed.Count / clock.Elapsed.TotalSeconds;

            var samples = Math.Min(200, settings.Verifications);
            var latencies = new double[samples];
            var signer = await TransactionSigner.ForNodeAsync(client, keys[0], ct).ConfigureAwait(false);
            for (var i = 0; i < samples; i++)
            {
                var request = new VerifyRequest(PackId.Create(Product, SerialOf(random.NextInt64(serials))), null, null, "bench-0");
                var start = Stopwatch.GetTimestamp();
                var tx = await signer.VerifyAsync(request, ct).ConfigureAwait(false);
                await signer.SubmitAsync(tx, waitForCommit: true, cancellationToken: ct).ConfigureAwait(false);
                await client.GetVerificationAsync(tx.Id, ct).ConfigureAwait(false);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            return (rate, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99));
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

    private static string SerialOf(long index) => "B" + index.ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
}
