using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Ledger.Storage;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;

namespace Carechain.Node.Fhir.Everything;

/// <summary>Every record the chain anchors for one patient, at every custodian, read from the per-patient index.</summary>
internal static class PatientAnchors
{
    private const int PageSize = 500;

    public static IReadOnlyList<RecordAnchor> Read(LedgerStore store, Ed25519PublicKey patient)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = new ModuleStateReader(store, RecordsModule.ModuleName);
        var prefix = StateKeys.Full(RecordsModule.ModuleName, RecordsKeys.PatientRecordsPrefix(patient));
        var anchors = new List<RecordAnchor>();
        byte[]? after = null;
        while (true)
        {
            var page = store.ScanState(prefix, after, PageSize);
            anchors.AddRange(page
                .Select(e => RecordsModule.ReadRecord(records, Hash256.Read(e.Key.AsSpan(e.Key.Length - Hash256.Size))))
                .OfType<RecordAnchor>());
            if (page.Count < PageSize)
            {
                return anchors;
            }

            after = page[^1].Key;
        }
    }
}
