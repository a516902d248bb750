using System.Buffers.Binary;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.State;

namespace Carechain.Modules.Records;

/// <summary>
/// The records module's state layout. Lower-case tags hold the facts; upper-case tags are
/// per-patient indexes (keyed patient first) that the node scans for the patient view.
/// <list type="bullet">
/// <item><c>r/record</c> the record's head (<see cref="Anchors.RecordAnchor"/>)</item>
/// <item><c>v/record||version</c> one version's ciphertext hash</item>
/// <item><c>g/grant</c> a consent grant; <c>c/patient||grantee</c> the live grant ids for that grantee</item>
/// <item><c>b/id</c> a break-glass; <c>k/patient||requester</c> the requester's latest break-glass</item>
/// <item><c>w/id</c> a break-glass review; <c>R/sha256(organisation)||id</c> the organisation's break-glasses awaiting review</item>
/// <item><c>P/patient||record</c>, <c>G/patient||grant</c>, <c>B/patient||id</c>, <c>A/patient||height||tx</c> (an access batch adds
/// <c>||index</c>, two bytes) per-patient indexes</item>
/// </list>
/// </summary>
public static class RecordsKeys
{
    public static byte[] Record(Hash256 recordId) => StateKeys.Tagged('r', recordId);

    /// <summary>The prefix of every record head, for a scan over all records.</summary>
    public static byte[] RecordsPrefix() => [(byte)'r', (byte)'/'];

    public static byte[] Version(Hash256 recordId, long version) => Join('v', recordId.ToArray(), BigEndian(version));

    public static byte[] Grant(Hash256 grantId) => StateKeys.Tagged('g', grantId);

    public static byte[] LiveGrants(Ed25519PublicKey patient, Hash256 grantee) => Join('c', patient.ToArray(), grantee.ToArray());

    public static byte[] BreakGlass(Hash256 id) => StateKeys.Tagged('b', id);

    public static byte[] BreakGlassReview(Hash256 id) => StateKeys.Tagged('w', id);

    /// <summary>Break-glasses of one organisation awaiting review; removed when reviewed.</summary>
    public static byte[] PendingReviewsPrefix(Ledger.Genesis.OrganisationId organisation) => StateKeys.Tagged('R', OrganisationTag(organisation));

    public static byte[] PendingReview(Ledger.Genesis.OrganisationId organisation, Hash256 id) => Join('R', OrganisationTag(organisation).ToArray(), id.ToArray());

    public static byte[] LatestBreakGlass(Ed25519PublicKey patient, Ed25519PublicKey requester) => Join('k', patient.ToArray(), requester.ToArray());

    public static byte[] PatientRecordsPrefix(Ed25519PublicKey patient) => StateKeys.Tagged('P', patient);

    public static byte[] PatientRecord(Ed25519PublicKey patient, Hash256 recordId) => Join('P', patient.ToArray(), recordId.ToArray());

    public static byte[] PatientGrantsPrefix(Ed25519PublicKey patient) => StateKeys.Tagged('G', patient);

    public static byte[] PatientGrant(Ed25519PublicKey patient, Hash256 grantId) => Join('G', patient.ToArray(), grantId.ToArray());

    public static byte[] PatientBreakGlassPrefix(Ed25519PublicKey patient) => StateKeys.Tagged('B', patient);

    public static byte[] PatientBreakGlass(Ed25519PublicKey patient, Hash256 id) => Join('B', patient.ToArray(), id.ToArray());

    /// <summary>Access events list oldest first: the suffix is the block height, then the transaction id.</summary>
    public static byte[] PatientAccessPrefix(Ed25519PublicKey patient) => StateKeys.Tagged('A', patient);

    public static byte[] PatientAccess(Ed25519PublicKey patient, long height, Hash256 txId) =>
        Join('A', patient.ToArray(), BigEndian(height), txId.ToArray());

    /// <summary>One of the access events of a records/access-batch transaction: the single form's key and the record's place in the batch.</summary>
    public static byte[] PatientBatchAccess(Ed25519PublicKey patient, long height, Hash256 txId, int index) =>
        Join('A', patient.ToArray(), BigEndian(height), txId.ToArray(), [(byte)(index >> 8), (byte)index]);

    /// <summary>Marks an index entry; indexes carry no value of their own.</summary>
    internal static readonly byte[] Present = [1];

    private static Hash256 OrganisationTag(Ledger.Genesis.OrganisationId organisation) =>
        Hash256.Sha256(System.Text.Encoding.ASCII.GetBytes(organisation.Value));

    private static byte[] BigEndian(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] Join(char tag, params byte[][] parts)
    {
        var key = new byte[2 + parts.Sum(p => p.Length)];
        key[0] = (byte)tag;
        key[1] = (byte)'/';
        var at = 2;
        foreach (var part in parts)
        {
            part.CopyTo(key, at);
            at += part.Length;
        }

        return key;
    }
}
