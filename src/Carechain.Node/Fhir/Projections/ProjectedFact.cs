using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Records.Access;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir.Projections;

/// <summary>A projected resource with what <see cref="RecordFactPolicy"/> needs to decide who may see it.</summary>
internal readonly record struct ProjectedFact(Resource? Resource, Ed25519PublicKey Patient, RecordFact Fact, OrganisationId? Custodian);
