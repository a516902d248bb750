using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;
using Carechain.Testing;

namespace Carechain.IntegrationTests.Records;

/// <summary>
/// A real dev node on loopback with a registered patient, and members of its organisation "dev"
/// (added by the dev admin, whose key is the node's seed): a clinician and an emergency member.
/// </summary>
internal sealed class RecordsNode : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private readonly List<SigningKey> _keys = [];
    private int _records;

    private RecordsNode(TempDirectory dir, InProcessNode node, ShiftedClock clock)
    {
        _dir = dir;
        Node = node;
        Clock = clock;
    }

    public InProcessNode Node { get; private set; }

    public ShiftedClock Clock { get; }

    public CarechainClient Client => Node.Client;

    public SigningKey Patient { get; private set; } = null!;

    public SigningKey Clinician { get; private set; } = null!;

    public SigningKey Emergency { get; private set; } = null!;

    public static async Task<RecordsNode> StartAsync(Vault.VaultBackend vault = Vault.VaultBackend.RocksDb)
    {
        var clock = new ShiftedClock();
        var dir = new TempDirectory();
        var node = await InProcessNode.StartAsync(dir.Path, clock, vault);
        var world = new RecordsNode(dir, node, clock);
        world.Patient = await world.RegisterAsync(IdentityRole.Patient);
        using var admin = SigningKey.FromSeed(Convert.FromHexString(File.ReadAllText(Path.Combine(dir.Path, "node.seed")).Trim()));
        world.Clinician = await world.AddMemberAsync(admin, "clinician");
        world.Emergency = await world.AddMemberAsync(admin, ClinicalRoles.Emergency);
        return world;
    }

    public async Task<SigningKey> RegisterAsync(string role)
    {
        var key = NewKey();
        var signer = await TransactionSigner.ForNodeAsync(Client, key);
        await Succeed(signer, await signer.CreateRegisterAsync("Someone", role));
        return key;
    }

    public async Task<SigningKey> AddMemberAsync(SigningKey admin, string role)
    {
        var key = NewKey();
        var signer = await TransactionSigner.ForNodeAsync(Client, admin);
        await Succeed(signer, await signer.CreateAsync(
            IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(key.PublicKey, "Member", role, OrganisationId.Parse("dev"))));
        return key;
    }

    public async Task<Hash256> AnchorAsync(string type = "Observation")
    {
        var id = Hash256.Sha256(BitConverter.GetBytes(++_records));
        await RunAsync(Clinician, AnchorVersionRequest.Operation, new AnchorVersionRequest(id, Patient.PublicKey, type, 1, Hash256.Sha256(id.ToArray())).Encode());
        return id;
    }

    /// <summary>Signs, submits and waits for a records transaction; returns the committed transaction id.</summary>
    public async Task<string> RunAsync(SigningKey author, string operation, byte[] payload)
    {
        var signer = await TransactionSigner.ForNodeAsync(Client, author);
        return await Succeed(signer, await signer.CreateAsync(RecordsModule.ModuleName, operation, payload));
    }

    /// <summary>Stops the node and starts it again on the same data directory and clock, as a restarted process would.</summary>
    public async Task RestartAsync()
    {
        await Node.StopAsync();
        Node = await InProcessNode.StartAsync(_dir.Path, Clock);
    }

    public async Task<string> TokenAsync(SigningKey key) => (await Client.AuthenticateAsync(key)).Token;

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        _keys.ForEach(k => k.Dispose());
        _dir.Dispose();
    }

    private static async Task<string> Succeed(TransactionSigner signer, Ledger.Transactions.Transaction tx)
    {
        var response = await signer.SubmitAsync(tx);
        Assert.True(response.Receipt?.ErrorCode is null or "", $"{tx.Module}/{tx.Operation} failed: {response.Receipt?.ErrorCode}");
        return response.TxId;
    }

    private SigningKey NewKey()
    {
        var key = SigningKey.Generate();
        _keys.Add(key);
        return key;
    }
}
