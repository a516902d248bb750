using System.Globalization;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Records.Anchors;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir.Projections;

/// <summary>
/// One anchored record version as an R4 Provenance (id = the anchor transaction's id, or for one
/// entry of a many-anchor transaction its <see cref="TransactionEntryId"/>): the target
/// version, recorded at block time, authored by the member who anchored it on behalf of the
/// custodian organisation. The anchor is the evidence: its transaction id and the ciphertext hash
/// it committed are extensions, and the transaction's Ed25519 signature is the signature.
/// </summary>
internal static class ProvenanceProjection
{
    public const string AnchorTxExtension = "urn:carechain:fhir:anchor-tx";
    public const string CiphertextHashExtension = "urn:carechain:fhir:ciphertext-sha256";
    private const string AgentTypes = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    public static Provenance From(RecordAnchor anchor, RecordVersion version, Transaction? anchorTx, string id)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(version);
        var recorded = DateTimeOffset.FromUnixTimeMilliseconds(version.TimestampMs);
        var provenance = new Provenance
        {
            Id = id,
            Target = [new ResourceReference($"{anchor.ResourceType}/{anchor.RecordId}/_history/{version.Version.ToString(CultureInfo.InvariantCulture)}")],
            Recorded = recorded,
            Activity = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-DataOperation", version.Version == 1 ? "CREATE" : "UPDATE"),
            Agent =
            [
                new Provenance.AgentComponent
                {
                    Type = new CodeableConcept(AgentTypes, "author"),
                    Who = ChainReferences.Key(version.AnchoredBy),
                    OnBehalfOf = ChainReferences.Organisation(anchor.Custodian),
                },
                new Provenance.AgentComponent { Type = new CodeableConcept(AgentTypes, "custodian"), Who = ChainReferences.Organisation(anchor.Custodian) },
            ],
        };
        provenance.Extension.Add(new Extension(AnchorTxExtension, new FhirString(version.TxId.ToString())));
        provenance.Extension.Add(new Extension(CiphertextHashExtension, new FhirString(version.CiphertextHash.ToString())));
        if (anchorTx is not null)
        {
            provenance.Signature.Add(new Signature
            {
                Type = [new Coding("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.1", "Author's Signature")],
                When = recorded,
                Who = ChainReferences.Key(anchorTx.Author),
                SigFormat = "application/vnd.carechain.transaction-ed25519",
                Data = anchorTx.Signature.Bytes.ToArray(),
            });
        }

        return provenance;
    }
}
