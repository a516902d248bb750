using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.State;
using Carechain.Ledger.Storage;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;

namespace Carechain.Node.Records;

/// <summary>
/// The node's lookup of record heads by custodian and resource type, and by patient, custodian and
/// type, so a FHIR search reads only the records it could return instead of every head on the chain.
/// Derived from the records module's heads (<c>records/r/…</c>) and kept by <see cref="LedgerStore"/>
/// in each block's own write batch (<see cref="IStateIndex"/>): it survives restarts, agrees with the
/// state after a crash, and is rebuilt from the state on a store that lacks it. A record's custodian,
/// patient and type never change, so an entry is written once; an erased record keeps its entry (the
/// head says it is erased). Keys hold ids and type names only, never health data:
/// <c>C‖len‖custodian‖len‖type‖record</c> and <c>P‖patient‖len‖custodian‖len‖type‖record</c>.
/// </summary>
public sealed class RecordHeadsIndex : IStateIndex
{
    private const int PageSize = 1_000;
    private static readonly byte[] Source = StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.RecordsPrefix());

    public string Name => "records-heads-v1";

    public byte[] SourcePrefix => Source;

    /// <summary>A record's custodian, patient and type never change, so a new version needs no look at the previous head.</summary>
    public bool KeysFixedWhileEntryExists => true;

    public IReadOnlyList<byte[]> KeysFor(ReadOnlySpan<byte> stateKey, ReadOnlySpan<byte> value)
    {
        var anchor = RecordAnchor.Decode(value);
        return
        [
            [.. ByCustodian(anchor.Custodian, anchor.ResourceType), .. anchor.RecordId.ToArray()],
            [.. ByPatient(anchor.Patient, anchor.Custodian, anchor.ResourceType), .. anchor.RecordId.ToArray()],
        ];
    }

    /// <summary>The heads of <paramref name="type"/> that <paramref name="custodian"/> keeps, in record id order.</summary>
    public IEnumerable<RecordAnchor> Kept(LedgerStore store, OrganisationId custodian, string type) =>
        Heads(store, ByCustodian(custodian, type));

    /// <summary>Every head <paramref name="custodian"/> keeps, of every type, by type then record id.</summary>
    public IEnumerable<RecordAnchor> Kept(LedgerStore store, OrganisationId custodian) =>
        Heads(store, [(byte)'C', .. Counted(custodian.Value)]);

    /// <summary>The heads of <paramref name="patient"/>'s records of <paramref name="type"/> that <paramref name="custodian"/> keeps, in record id order.</summary>
    public IEnumerable<RecordAnchor> KeptFor(LedgerStore store, Ed25519PublicKey patient, OrganisationId custodian, string type) =>
        Heads(store, ByPatient(patient, custodian, type));

    private IEnumerable<RecordAnchor> Heads(LedgerStore store, byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = new ModuleStateReader(store, RecordsModule.ModuleName);
        byte[]? after = null;
        while (true)
        {
            var keys = store.ScanIndex(this, prefix, after, PageSize);
            foreach (var key in keys)
            {
                if (RecordsModule.ReadRecord(records, Hash256.Read(key.AsSpan(key.Length - Hash256.Size))) is { } anchor)
                {
                    yield return anchor;
                }
            }

            if (keys.Count < PageSize)
            {
                yield break;
            }

            after = keys[^1];
        }
    }

    private static byte[] ByCustodian(OrganisationId custodian, string type) => [(byte)'C', .. Counted(custodian.Value), .. Counted(type)];

    private static byte[] ByPatient(Ed25519PublicKey patient, OrganisationId custodian, string type) =>
        [(byte)'P', .. patient.ToArray(), .. Counted(custodian.Value), .. Counted(type)];

    private static byte[] Counted(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return [checked((byte)bytes.Length), .. bytes];
    }
}
