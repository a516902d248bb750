using Carechain.Core.Hashing;
using Carechain.Ledger.State;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Access;
using Carechain.Modules.Records.BreakGlass;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir.Projections;

/// <summary>
/// The chain's access facts as R4 AuditEvents. An access transaction (id = its transaction id; one
/// entry of an access log, <see cref="TransactionEntryId"/>) is a
/// DICOM "Patient Record" read: who read which records of which patient (one for a read, a page of
/// one patient's records for a search), when (block time), for what purpose, under which rights
/// (the grants or break-glass in <c>agent.policy</c>), served by which node. A break-glass (id = its id) is DICOM 110127 "Emergency Override Started" with its
/// window as the period and purpose BTG; its reason code is given, its free text is not.
/// </summary>
internal static class AuditEventProjection
{
    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    private const string Participation = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string EntityRole = "http://terminology.hl7.org/CodeSystem/object-role";

    /// <param name="reads">The access events of one transaction: one read, or a batch of one patient's records served together.</param>
    /// <param name="records">The records module's state, for each record's type.</param>
    /// <param name="id">The AuditEvent's id: the transaction's, or for one entry of an access log its <see cref="TransactionEntryId"/>.</param>
    public static AuditEvent From(IReadOnlyList<AccessEvent> reads, IStateReader records, string id)
    {
        ArgumentNullException.ThrowIfNull(reads);
        var access = reads[0];
        var reader = new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Participation, "IRCP"),
            Who = ChainReferences.Key(access.Reader),
            Requestor = true,
            PurposeOfUse = [ChainReferences.Purpose(access.Purpose)],
            Policy = [.. reads.Where(r => r.BasisId is not null).Select(r => Policy(r.Basis, r.BasisId!.Value)).Distinct(StringComparer.Ordinal)],
        };
        var node = new AuditEvent.AgentComponent { Type = new CodeableConcept(Dicom, "110153", "Source Role ID"), Who = ChainReferences.Key(access.Node), Requestor = false };
        return new AuditEvent
        {
            Id = id,
            Type = new Coding(Dicom, "110110", "Patient Record"),
            Subtype = [new Coding("http://hl7.org/fhir/restful-interaction", reads.Count == 1 ? "read" : "search-type")],
            Action = AuditEvent.AuditEventAction.R,
            Recorded = DateTimeOffset.FromUnixTimeMilliseconds(access.TimestampMs),
            Outcome = AuditEvent.AuditEventOutcome.N0,
            PurposeOfEvent = [ChainReferences.Purpose(access.Purpose)],
            Agent = [reader, node],
            Source = new AuditEvent.SourceComponent { Observer = ChainReferences.Key(access.Node) },
            Entity = [PatientEntity(access.Patient), .. reads.Select(r => RecordEntity(r, records))],
        };
    }

    public static AuditEvent From(BreakGlassRecord glass)
    {
        ArgumentNullException.ThrowIfNull(glass);
        return new AuditEvent
        {
            Id = glass.Id.ToString(),
            Type = new Coding(Dicom, "110113", "Security Alert"),
            Subtype = [new Coding(Dicom, "110127", "Emergency Override Started")],
            Action = AuditEvent.AuditEventAction.E,
            Period = new Period(ChainReferences.At(glass.StartMs), ChainReferences.At(glass.EndMs)),
            Recorded = DateTimeOffset.FromUnixTimeMilliseconds(glass.StartMs),
            Outcome = AuditEvent.AuditEventOutcome.N0,
            PurposeOfEvent = [ChainReferences.Purpose("BTG"), ChainReferences.Purpose(PurposeOfUse.EmergencyTreatment)],
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Type = new CodeableConcept(Participation, "IRCP"),
                    Who = ChainReferences.Key(glass.Requester),
                    Requestor = true,
                    PurposeOfUse = [ChainReferences.Purpose("BTG")],
                    Policy = [Policy(AccessBasis.BreakGlass, glass.Id)],
                },
                new AuditEvent.AgentComponent { Type = new CodeableConcept(Participation, "PROV"), Who = ChainReferences.Organisation(glass.Organisation), Requestor = false },
            ],
            Source = new AuditEvent.SourceComponent { Observer = ChainReferences.Organisation(glass.Organisation) },
            Entity =
            [
                PatientEntity(glass.Patient),
                new AuditEvent.EntityComponent { Type = new Coding(EntityType, "4", "Other"), Description = $"reason code {glass.ReasonCode}; flagged for review" },
            ],
        };
    }

    private static AuditEvent.EntityComponent RecordEntity(AccessEvent read, IStateReader records)
    {
        var id = read.RecordId.ToString();
        var type = RecordsModule.ReadRecord(records, read.RecordId)?.ResourceType;
        return new AuditEvent.EntityComponent
        {
            What = type is null ? new ResourceReference { Identifier = new Identifier("urn:carechain:record", id) } : ChainReferences.Record(type, id),
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(EntityRole, "4", "Domain Resource"),
        };
    }

    /// <summary>The right a read was made under, as a URI: the grant (also Consent/{id}) or the break-glass (also AuditEvent/{id}).</summary>
    private static string Policy(AccessBasis basis, Hash256 id) =>
        basis == AccessBasis.BreakGlass ? $"urn:carechain:break-glass:{id}" : $"urn:carechain:grant:{id}";

    private static AuditEvent.EntityComponent PatientEntity(Core.Crypto.Ed25519PublicKey patient) => new()
    {
        What = ChainReferences.Patient(patient),
        Type = new Coding(EntityType, "1", "Person"),
        Role = new Coding(EntityRole, "1", "Patient"),
    };
}
