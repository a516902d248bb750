using Carechain.Core.Crypto;
using Carechain.Ledger.Admission;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Products;
using Carechain.Modules.Supply.Verification;
using Carechain.Testing;

namespace Carechain.Modules.Tests.Supply;

/// <summary>
/// A real chain founded by a manufacturer (maker), a second manufacturer (rival), a distributor
/// (wholesaler), a pharmacy, and a regulator, each acting through its admin key. The regulator has
/// assigned prefix 950600 to maker and 950601 to rival; maker registered <see cref="Gtin"/>.
/// </summary>
internal sealed class SupplyNetwork : IDisposable
{
    public static readonly Gtin Gtin = Gtin.Parse("09506000134352");
    public static readonly DateOnly Expiry = new(2030, 6, 30);

    private readonly TempDirectory _dir = new();
    private readonly Dictionary<Ed25519PublicKey, ulong> _nonces = [];
    private readonly SigningKey _node = SigningKey.Generate();

    public SupplyNetwork()
    {
        Organisation Org(string id, OrganisationKind kind, SigningKey admin, params Ed25519PublicKey[] nodes) =>
            new(OrganisationId.Parse(id), id, kind, [admin.PublicKey], nodes);
        var genesis = new GenesisDocument(
            TestChain.ChainId,
            1_700_000_000_000,
            [
                Org("maker", OrganisationKind.Manufacturer, Maker, _node.PublicKey),
                Org("rival", OrganisationKind.Manufacturer, Rival),
                Org("wholesaler", OrganisationKind.Distributor, Wholesaler),
                Org("pharmacy", OrganisationKind.Pharmacy, Pharmacy),
                Org("regulator", OrganisationKind.Regulator, Regulator),
            ],
            new GovernancePolicy(1, 100));
        Chain = TestChain.Create(_dir.Path, _node, genesis);
        Genesis = genesis;
        Ok(Run(Regulator, SupplyOperations.AssignPrefix, new AssignPrefixRequest(Prefix("950600"), OrganisationId.Parse("maker")).Encode()));
        Ok(Run(Regulator, SupplyOperations.AssignPrefix, new AssignPrefixRequest(Prefix("950601"), OrganisationId.Parse("rival")).Encode()));
        Ok(Run(Maker, SupplyOperations.Product, new RegisterProductRequest(Gtin, "Amoxicillin 500 mg x 21").Encode()));
    }

    public SigningKey Maker { get; } = SigningKey.Generate();

    public SigningKey Rival { get; } = SigningKey.Generate();

    public SigningKey Wholesaler { get; } = SigningKey.Generate();

    public SigningKey Pharmacy { get; } = SigningKey.Generate();

    public SigningKey Regulator { get; } = SigningKey.Generate();

    /// <summary>A key with no organisation: a patient.</summary>
    public SigningKey Patient { get; } = SigningKey.Generate();

    public TestChain Chain { get; }

    public GenesisDocument Genesis { get; }

    public SupplyState State => new(new ModuleStateReader(Chain.Store, SupplyModule.ModuleName));

    public static OrganisationId Id(string text) => OrganisationId.Parse(text);

    public static CompanyPrefix Prefix(string digits) => CompanyPrefix.TryParse(digits, out var p) ? p : throw new ArgumentException(digits);

    public static PackId Pack(string serial) => PackId.Create(Gtin, serial);

    public static void Ok(Receipt receipt) => Assert.True(receipt.Status == ReceiptStatus.Success, $"refused: {receipt.ErrorCode}");

    public Receipt Run(SigningKey author, string operation, byte[] payload)
    {
        var nonce = _nonces.GetValueOrDefault(author.PublicKey) + 1;
        _nonces[author.PublicKey] = nonce;
        var tx = Transaction.Create(author, TestChain.ChainId, nonce, SupplyModule.ModuleName, operation, payload);
        var admitted = Chain.Submit(tx);
        Assert.True(admitted.Status == AdmissionStatus.Accepted, $"{operation} refused at admission: {admitted.ErrorCode}");
        return Chain.CommitPending().Receipts.Single();
    }

    public Receipt Commission(string lot, params SerialRange[] ranges) => Commission(Maker, lot, Expiry, ranges);

    public Receipt Commission(SigningKey author, string lot, DateOnly expiry, params SerialRange[] ranges) =>
        Run(author, SupplyOperations.Commission, new CommissionRequest(Gtin, lot, expiry, ranges, "maker-plant").Encode());

    public Receipt Custody(SigningKey author, CustodyAction action, string? receiver, params string[] serials) =>
        Run(author, SupplyOperations.NameOf(action), new CustodyRequest([.. serials.Select(Pack)], receiver is null ? null : Id(receiver), action == CustodyAction.Decommission ? DecommissionReasons.Destroyed : string.Empty, string.Empty).Encode());

    public Receipt Lot(SigningKey author, LotAction action, string lot) =>
        Run(author, SupplyOperations.NameOf(action), new LotRequest(Gtin, lot, "contamination").Encode());

    public VerificationRecord Verify(SigningKey author, string serial, string? lot = null, DateOnly? expiry = null, string location = "counter-1")
    {
        var receipt = Run(author, SupplyOperations.Verify, new VerifyRequest(Pack(serial), lot, expiry, location).Encode());
        Ok(receipt);
        return State.Verification(receipt.TxId.Hash)!;
    }

    public void Dispose()
    {
        Chain.Dispose();
        foreach (var key in new[] { _node, Maker, Rival, Wholesaler, Pharmacy, Regulator, Patient })
        {
            key.Dispose();
        }

        _dir.Dispose();
    }
}
