using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Governance;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.Anchors;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;
using CsCheck;

namespace Carechain.Modules.Tests.Records;

/// <summary>
/// Thousands of random grant / revoke / expire / break-glass / erase / member-revocation / read
/// steps run through the real block executor. Every read is first decided by <see cref="AccessPolicy"/>
/// at the state the block starts from, and that decision must equal the reference model's; the read
/// is then submitted as the custodian node's access event, which must commit exactly when allowed
/// and leave an access event naming the same basis. No read is served without a right; every
/// served read is logged.
/// </summary>
public sealed partial class AccessModelTests
{
    private static readonly OrganisationId[] Orgs = [OrganisationId.Parse("h1"), OrganisationId.Parse("h2"), OrganisationId.Parse("h3")];
    private static readonly SigningKey[] Admins = Keys(10, 3);
    private static readonly SigningKey[] Nodes = Keys(20, 3);

    // Patients 0..1; members: 0 clinician@h1, 1 clinician@h2, 2 emergency@h2, 3 emergency@h3, 4 nurse@h2, 5 auditor@h3; 6 a self-registered member.
    private static readonly SigningKey[] Patients = Keys(30, 2);
    private static readonly SigningKey[] Members = Keys(40, 7);
    private static readonly (string Role, int? Org)[] MemberRoles =
        [("clinician", 0), ("clinician", 1), ("emergency", 1), ("emergency", 2), ("nurse", 1), ("auditor", 2), ("member", null)];

    private static readonly string[] Types = ["Observation", "Condition"];
    private static readonly string[] Purposes = [PurposeOfUse.Treatment, PurposeOfUse.Research];

    private static readonly GenesisDocument Genesis = new(
        "records-model",
        0,
        [.. Enumerable.Range(0, 3).Select(i => new Organisation(Orgs[i], $"Hospital {i}", OrganisationKind.Hospital, [Admins[i].PublicKey], [Nodes[i].PublicKey]))],
        new GovernancePolicy(2, 100));

    [Fact]
    public void Access_decisions_follow_the_reference_model_and_every_served_read_is_logged()
    {
        // (what, a, b, c, d): the meaning of a..d depends on the step kind.
        var step = Gen.Select(Gen.Int[0, 9], Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 7], Gen.Int[0, 7]);
        var served = new int[5];
        step.Array[20, 60].Sample(steps => new Run(served).Play(steps), iter: 200);

        // The sequences must reach every kind of allowed read, or the comparison proves little.
        Assert.All(Enum.GetValues<AccessBasis>(), basis => Assert.True(served[(int)basis] > 0, $"no read was served under {basis}"));
    }

    private static SigningKey[] Keys(byte seed, int count) =>
        [.. Enumerable.Range(0, count).Select(i => SigningKey.FromSeed(Enumerable.Repeat((byte)(seed + i), 32).ToArray()))];

    /// <summary>One sequence: the chain side (executor over memory state) and the model side, stepped together.</summary>
    private sealed class Run(int[] servedByBasis)
    {
        private readonly BlockExecutor _executor = new(ChainModules.Create());
        private readonly MemoryState _state = new();
        private readonly Dictionary<Ed25519PublicKey, ulong> _nonces = [];
        private readonly Model _model = new();
        private readonly List<Hash256> _records = [];
        private readonly List<Hash256> _grants = [];
        private readonly List<(AccessEvent Expected, Hash256 TxId)> _served = [];
        private Hash256 _commitment = Hash256.Zero;
        private long _height;
        private long _now = 1_000_000;

        public void Play((int What, int A, int B, int C, int D)[] steps)
        {
            Setup();
            foreach (var (what, a, b, c, d) in steps)
            {
                switch (what)
                {
                    case 0 or 1:
                        Grant(a % 2, b % 5, c, d);
                        break;
                    case 2:
                        Revoke(a % 2, b + (c * 8));
                        break;
                    case 3:
                        BreakGlass(a % 3, b % 2, 1 + (c % 2));
                        break;
                    case 4:
                        _now += 10_000 * (a + 1);
                        break;
                    case 5 when a == 0 && b < 3:
                        Erase(c % 2, d % _records.Count);
                        break;
                    case 6 when a == 0:
                        RevokeMember(1 + (b % 4));
                        break;
                    default:
                        Read(a, b % _records.Count, c % 2, d == 7);
                        break;
                }
            }

            foreach (var (expected, txId) in _served)
            {
                var stored = _state.Get(StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PatientAccess(expected.Patient, expected.Height, txId)));
                Assert.NotNull(stored);
                Assert.Equal(expected, AccessEvent.Decode(stored));
            }
        }

        private void Setup()
        {
            foreach (var patient in Patients)
            {
                Expect(string.Empty, Execute(patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Patient", IdentityRole.Patient)));
            }

            for (var i = 0; i < Members.Length; i++)
            {
                var (role, org) = MemberRoles[i];
                var receipt = org is { } o
                    ? Execute(Admins[o], IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(Members[i].PublicKey, "Member", role, Orgs[o]))
                    : Execute(Members[i], IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Member", role));
                Expect(string.Empty, receipt);
                _model.Members[Members[i].PublicKey] = new Model.Person(role, org, true);
            }

            foreach (var patient in Patients)
            {
                _model.Members[patient.PublicKey] = new Model.Person(IdentityRole.Patient, null, true);
            }

            // Each patient: an Observation and a Condition kept by h1, and an Observation kept by h2.
            for (var p = 0; p < Patients.Length; p++)
            {
                foreach (var (type, author, custodian) in new[] { (Types[0], 0, 0), (Types[1], 0, 0), (Types[0], 1, 1) })
                {
                    var id = Hash256.Sha256([(byte)p, (byte)_records.Count]);
                    Expect(string.Empty, Execute(Members[author], RecordsModule.ModuleName, AnchorVersionRequest.Operation,
                        new AnchorVersionRequest(id, Patients[p].PublicKey, type, 1, Hash256.Sha256(id.ToArray())).Encode()));
                    _records.Add(id);
                    _model.Records[id] = new Model.Record(p, custodian, type, false);
                }
            }
        }

        private void Grant(int patient, int granteePick, int scopePick, int timing)
        {
            // Grantees: h2, h3, clinician@h2, emergency@h2, the self-registered member.
            Grantee grantee = granteePick switch
            {
                0 => Grantee.Of(Orgs[1]),
                1 => Grantee.Of(Orgs[2]),
                2 => Grantee.Of(Members[1].PublicKey),
                3 => Grantee.Of(Members[2].PublicKey),
                _ => Grantee.Of(Members[6].PublicKey),
            };
            var scope = scopePick switch
            {
                < 3 => new ConsentScope([Types[scopePick % 2]], []),
                < 5 => new ConsentScope([.. Types], []),
                _ => new ConsentScope([], [_records[(scopePick * 5) % _records.Count]]),
            };
            var purpose = Purposes[timing % 2];
            var expires = _now + 1_000 + ((timing % 4) * 7_000) - 1_000;
            var receipt = Execute(Patients[patient], RecordsModule.ModuleName, GrantRequest.Operation, new GrantRequest(grantee, scope, purpose, expires).Encode());
            var expected = _model.Grant(patient, grantee, scope, purpose, expires, _now, receipt.TxId.Hash);
            Expect(expected, receipt);
            if (expected.Length == 0)
            {
                _grants.Add(receipt.TxId.Hash);
            }
        }

        private void Revoke(int patient, int pick)
        {
            var id = pick < _grants.Count ? _grants[pick] : Hash256.Sha256([(byte)pick, 99]);
            var receipt = Execute(Patients[patient], RecordsModule.ModuleName, RevokeRequest.Operation, new RevokeRequest(id).Encode());
            Expect(_model.Revoke(patient, id), receipt);
        }

        private void BreakGlass(int requesterPick, int patient, int minutes)
        {
            var requester = Members[requesterPick + 1]; // clinician@h2, emergency@h2, emergency@h3
            var receipt = Execute(requester, RecordsModule.ModuleName, BreakGlassRequest.Operation,
                new BreakGlassRequest(Patients[patient].PublicKey, BreakGlassReasons.UrgentTreatment, "model", minutes).Encode());
            Expect(_model.BreakGlass(requester.PublicKey, patient, minutes, _now, receipt.TxId.Hash), receipt);
        }

        private void Erase(int patient, int recordPick)
        {
            var id = _records[recordPick];
            var receipt = Execute(Patients[patient], RecordsModule.ModuleName, EraseRequest.Operation, new EraseRequest(id).Encode());
            Expect(_model.Erase(patient, id), receipt);
        }

        private void RevokeMember(int member)
        {
            var org = MemberRoles[member].Org!.Value;
            var receipt = Execute(Admins[org], IdentityModule.ModuleName, IdentityPayloads.RevokeMember, IdentityPayloads.EncodeRevokeMember(Members[member].PublicKey));
            var person = _model.Members[Members[member].PublicKey];
            Expect(person.Active ? string.Empty : IdentityErrors.AlreadyRevoked, receipt);
            _model.Members[Members[member].PublicKey] = person with { Active = false };
        }

        private void Read(int readerPick, int recordPick, int purposePick, bool wrongNode)
        {
            var reader = readerPick < Members.Length ? Members[readerPick] : Patients[readerPick - Members.Length];
            var id = _records[recordPick];
            var purpose = Purposes[purposePick];
            var custodian = _model.Records[id].Custodian;
            var node = Nodes[wrongNode ? (custodian + 1) % 3 : custodian];

            // The node's decision at its head, for the time of the block it will land in.
            var blockTime = _now + 1_000;
            var decision = AccessPolicy.Decide(
                new ModuleStateReader(_state, RecordsModule.ModuleName), new Permissions(_state, Genesis), reader.PublicKey, id, purpose, blockTime);
            var modelDecision = _model.Decide(reader.PublicKey, id, purpose, blockTime);
            Assert.Equal(modelDecision, decision);

            var receipt = Execute(node, RecordsModule.ModuleName, AccessRequest.Operation, new AccessRequest(reader.PublicKey, id, purpose).Encode());
            var expected = wrongNode ? RecordsErrors.NotCustodianNode : decision.ErrorCode;
            Expect(expected, receipt);
            if (receipt.Status == ReceiptStatus.Success)
            {
                Interlocked.Increment(ref servedByBasis[(int)decision.Basis!.Value]);
                _served.Add((new AccessEvent(
                    receipt.TxId.Hash, reader.PublicKey, id, Patients[_model.Records[id].Patient].PublicKey, purpose, decision.Basis!.Value, decision.BasisId,
                    node.PublicKey, _height, _now), receipt.TxId.Hash));
            }
            else
            {
                Assert.Null(_state.Get(StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PatientAccess(Patients[_model.Records[id].Patient].PublicKey, _height, receipt.TxId.Hash))));
            }
        }

        private Receipt Execute(SigningKey author, string module, string operation, byte[] payload)
        {
            var nonce = _nonces.GetValueOrDefault(author.PublicKey) + 1;
            _nonces[author.PublicKey] = nonce;
            var tx = Transaction.Create(author, Genesis.ChainId, nonce, module, operation, payload);
            _height++;
            _now += 1_000;
            var execution = _executor.Execute(_state, _commitment, new BlockContext(Genesis, _height, _now, Nodes[0].PublicKey), [tx]);
            _state.Apply(execution.SortedWrites, _height);
            _commitment = execution.StateCommitment;
            return execution.Receipts[0];
        }

        private static void Expect(string code, Receipt receipt) => Assert.Equal(code, receipt.ErrorCode);
    }
}
