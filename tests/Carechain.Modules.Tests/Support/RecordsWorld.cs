using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.State;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;

namespace Carechain.Modules.Tests.Support;

/// <summary>
/// A consortium of three hospitals on a real chain with a registered patient, a clinician at org1
/// (the custodian of the records the tests anchor), a clinician and an emergency member at org2,
/// and org2's nurse. Each helper commits one block.
/// </summary>
internal sealed class RecordsWorld : IDisposable
{
    private int _records;

    public RecordsWorld()
    {
        Patient = Consortium.NewKey();
        Assert.True(Consortium.Run(Patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient)).ErrorCode.Length == 0);
        Custodian = Member("clinician", 1);
        Outsider = Member("clinician", 2);
        Emergency = Member(ClinicalRoles.Emergency, 2);
    }

    public Consortium Consortium { get; } = new();

    public SigningKey Patient { get; }

    /// <summary>A clinician of org1, which keeps the records.</summary>
    public SigningKey Custodian { get; }

    /// <summary>A clinician of org2, which keeps nothing of the patient.</summary>
    public SigningKey Outsider { get; }

    public SigningKey Emergency { get; }

    public long NowMs => Consortium.Chain.Chain.Head.TimestampMs;

    public SigningKey Member(string role, int organisation)
    {
        var key = Consortium.NewKey();
        Assert.Equal(string.Empty, Consortium.AddMember(Consortium.Admins[organisation - 1], key, role, Consortium.Org(organisation)).ErrorCode);
        return key;
    }

    public Receipt Run(SigningKey author, string operation, byte[] payload) => Consortium.Run(author, RecordsModule.ModuleName, operation, payload);

    public Hash256 AnchorRecord(string type = "Observation", SigningKey? author = null, SigningKey? patient = null)
    {
        var id = Hash256.Sha256(BitConverter.GetBytes(++_records));
        var receipt = Anchor(author ?? Custodian, id, type, 1, patient);
        Assert.Equal(string.Empty, receipt.ErrorCode);
        return id;
    }

    public Receipt Anchor(SigningKey author, Hash256 id, string type, long version, SigningKey? patient = null) =>
        Run(author, "anchor", new Modules.Records.Anchors.AnchorVersionRequest(id, (patient ?? Patient).PublicKey, type, version, Hash256.Sha256(BitConverter.GetBytes(version))).Encode());

    public Receipt Grant(Grantee grantee, ConsentScope scope, long expiresAtMs, string purpose = PurposeOfUse.Treatment, SigningKey? author = null) =>
        Run(author ?? Patient, GrantRequest.Operation, new GrantRequest(grantee, scope, purpose, expiresAtMs).Encode());

    public Receipt Revoke(Hash256 grantId, SigningKey? author = null) => Run(author ?? Patient, RevokeRequest.Operation, new RevokeRequest(grantId).Encode());

    public Receipt BreakGlass(SigningKey author, int minutes = 30) =>
        Run(author, BreakGlassRequest.Operation, new BreakGlassRequest(Patient.PublicKey, BreakGlassReasons.Unconscious, "arrived unresponsive", minutes).Encode());

    public Receipt Erase(Hash256 recordId, SigningKey? author = null) => Run(author ?? Patient, EraseRequest.Operation, new EraseRequest(recordId).Encode());

    /// <summary>org1's node records (and so allows) a read of <paramref name="recordId"/> by <paramref name="reader"/>.</summary>
    public Receipt Read(SigningKey reader, Hash256 recordId, string purpose = PurposeOfUse.Treatment, SigningKey? node = null) =>
        Run(node ?? Consortium.Nodes[0], AccessRequest.Operation, new AccessRequest(reader.PublicKey, recordId, purpose).Encode());

    public AccessDecision Decide(SigningKey reader, Hash256 recordId, string purpose = PurposeOfUse.Treatment) =>
        AccessPolicy.Decide(new ModuleStateReader(Consortium.Chain.Store, RecordsModule.ModuleName), Consortium.Permissions, reader.PublicKey, recordId, purpose, NowMs);

    public static ConsentScope Types(params string[] types) => new(types, []);

    public void Dispose() => Consortium.Dispose();
}
