using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Verification;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Supply;

/// <summary>
/// A real dev node on loopback whose admin (the node key) admitted, through governance, a
/// manufacturer, a wholesaler, a pharmacy and a regulator; the regulator assigned prefix 950600 to
/// the manufacturer, which registered <see cref="Gtin"/> and commissioned lot L1 (S0001–S1000) and
/// lot L2 (T001–T100). Each test uses its own serials.
/// </summary>
public sealed class SupplyDevNode : IAsyncLifetime
{
    public static readonly Gtin Gtin = Gtin.Parse("09506000134352");
    public static readonly DateOnly Expiry = new(2030, 6, 30);

    private readonly TempDirectory _dir = new();
    private readonly List<SigningKey> _keys = [];
    private readonly Dictionary<Ed25519PublicKey, TransactionSigner> _signers = [];
    private string? _regulatorToken;

    public InProcessNode Node { get; private set; } = null!;

    public SigningKey Maker { get; private set; } = null!;

    public SigningKey Wholesaler { get; private set; } = null!;

    public SigningKey Pharmacy { get; private set; } = null!;

    public SigningKey Regulator { get; private set; } = null!;

    public SigningKey Patient { get; private set; } = null!;

    public CarechainClient Client => Node.Client;

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync(_dir.Path);
        using var admin = SigningKey.FromSeed(Convert.FromHexString(File.ReadAllText(Path.Combine(_dir.Path, "node.seed")).Trim()));
        var adminSigner = await TransactionSigner.ForNodeAsync(Client, admin);
        Maker = await AdmitAsync(adminSigner, "maker", OrganisationKind.Manufacturer);
        Wholesaler = await AdmitAsync(adminSigner, "wholesaler", OrganisationKind.Distributor);
        Pharmacy = await AdmitAsync(adminSigner, "pharmacy", OrganisationKind.Pharmacy);
        Regulator = await AdmitAsync(adminSigner, "regulator", OrganisationKind.Regulator);
        Patient = NewKey();
        Assert.True(CompanyPrefix.TryParse("950600", out var prefix));
        await CommitAsync(Regulator, s => s.AssignPrefixAsync(prefix, OrganisationId.Parse("maker")));
        await CommitAsync(Maker, s => s.RegisterProductAsync(Gtin, "Amoxicillin 500 mg x 21"));
        await CommitAsync(Maker, s => s.CommissionAsync(new CommissionRequest(Gtin, "L1", Expiry, [new SerialRange("S", 4, 1, 1000)], "plant-1")));
        await CommitAsync(Maker, s => s.CommissionAsync(new CommissionRequest(Gtin, "L2", Expiry, [new SerialRange("T", 3, 1, 100)], "plant-1")));
    }

    public static PackId Pack(string serial) => PackId.Create(Gtin, serial);

    public static string Code(string serial, string lot = "L1") => $"(01){Gtin.Value}(21){serial}(10){lot}(17)300630";

    public async Task<SubmitTransactionResponse> SubmitAsync(SigningKey author, Func<TransactionSigner, Task<Transaction>> build)
    {
        var signer = await SignerAsync(author);
        return await signer.SubmitAsync(await build(signer), waitForCommit: true);
    }

    public async Task CommitAsync(SigningKey author, Func<TransactionSigner, Task<Transaction>> build)
    {
        var response = await SubmitAsync(author, build);
        Assert.True(response.Receipt!.Status == "success", $"refused: {response.Receipt.ErrorCode}");
    }

    public Task CustodyAsync(SigningKey author, CustodyAction action, string? to, params string[] serials) =>
        CommitAsync(author, s => s.CustodyAsync(action, new CustodyRequest([.. serials.Select(Pack)], to is null ? null : OrganisationId.Parse(to), string.Empty, string.Empty)));

    public async Task<VerificationDto> VerifyAsync(SigningKey author, string serial, string? lot = "L1", DateOnly? expiry = null, string location = "counter")
    {
        var signer = await SignerAsync(author);
        var tx = await signer.VerifyAsync(new VerifyRequest(Pack(serial), lot, expiry ?? Expiry, location));
        var response = await signer.SubmitAsync(tx, waitForCommit: true);
        Assert.Equal("success", response.Receipt!.Status);
        return await Client.GetVerificationAsync(tx.Id);
    }

    /// <summary>The alerts after <paramref name="after"/> as the regulator reads them (bearer token), optionally waiting for one.</summary>
    public async Task<SupplyAlertPageDto> AlertsAsync(long after = 0, TimeSpan? wait = null) =>
        await Client.ListSupplyAlertsAsync(await RegulatorTokenAsync(), after, wait: wait);

    /// <summary>The regulator's bearer token: it sees every history with its parties (who and where).</summary>
    public async Task<string> RegulatorTokenAsync() => _regulatorToken ??= (await Client.AuthenticateAsync(Regulator)).Token;

    /// <summary>The pack once it reaches <paramref name="status"/> (a capture commits in a later block), read as the regulator.</summary>
    public async Task<Client.Contracts.PackDto> WaitForStatusAsync(string serial, string status)
    {
        for (var i = 0; i < 100; i++)
        {
            var pack = await Client.GetPackAsync(Code(serial), await RegulatorTokenAsync());
            if (pack.Status == status)
            {
                return pack;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"pack {serial} never became {status}");
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _keys.ForEach(k => k.Dispose());
        _dir.Dispose();
    }

    private async Task<SigningKey> AdmitAsync(TransactionSigner admin, string id, OrganisationKind kind)
    {
        var key = NewKey();
        var action = new AddOrganisationAction(new Organisation(OrganisationId.Parse(id), id, kind, [key.PublicKey], []));
        var tx = await admin.CreateAsync(GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(action));
        var response = await admin.SubmitAsync(tx, waitForCommit: true);
        Assert.True(response.Receipt!.Status == "success", $"admit {id}: {response.Receipt.ErrorCode}");
        return key;
    }

    private SigningKey NewKey()
    {
        var key = SigningKey.Generate();
        _keys.Add(key);
        return key;
    }

    private async Task<TransactionSigner> SignerAsync(SigningKey key)
    {
        if (!_signers.TryGetValue(key.PublicKey, out var signer))
        {
            signer = await TransactionSigner.ForNodeAsync(Client, key);
            _signers[key.PublicKey] = signer;
        }

        return signer;
    }
}
