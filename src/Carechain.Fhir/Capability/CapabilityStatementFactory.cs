using Hl7.Fhir.Model;

namespace Carechain.Fhir.Capability;

/// <summary>
/// The node's R4 CapabilityStatement (served at /fhir/metadata without credentials): every stored
/// resource type with its interactions and search parameters, the chain-projected read-only types,
/// Patient/$everything, transaction and batch Bundles, and how to authenticate.
/// </summary>
public static class CapabilityStatementFactory
{
    /// <summary>Resource types the node does not store but projects from the chain, read-only.</summary>
    public static IReadOnlyList<string> ProjectedTypes => SupportedResources.ProjectedTypes;

    public static CapabilityStatement Create(Uri fhirBase, string softwareVersion, DateTimeOffset published)
    {
        ArgumentNullException.ThrowIfNull(fhirBase);
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Records are encrypted per version in the custodian's vault; the chain anchors their hashes, holds consent and logs every read.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Cors = false,
                Description = "Every call but /metadata needs 'Authorization: Bearer TOKEN'. Get a token for a registered key: "
                    + "POST /api/v1/auth/challenge, sign the challenge with the key, POST /api/v1/auth/token (or run `carechain auth token`).",
            },
            Interaction =
            [
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction },
                new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch },
            ],
        };

        foreach (var type in SupportedResources.Types)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = true,
                UpdateCreate = false,
                Interaction =
                [
                    Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                    Interaction(CapabilityStatement.TypeRestfulInteraction.Vread),
                    Interaction(CapabilityStatement.TypeRestfulInteraction.Update),
                    Interaction(CapabilityStatement.TypeRestfulInteraction.Create),
                    Interaction(CapabilityStatement.TypeRestfulInteraction.HistoryInstance),
                    Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType),
                ],
                SearchParam = [.. SupportedResources.SearchParameters(type).Select(p => new CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name,
                    Type = p.Type,
                    Documentation = p.Documentation,
                })],
            };
            if (type == SupportedResources.Patient)
            {
                resource.Operation.Add(new CapabilityStatement.OperationComponent
                {
                    Name = "everything",
                    Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                    Documentation = "The patient's records from every custodian node the caller may read, gathered across the consortium.",
                });
            }

            rest.Resource.Add(resource);
        }

        foreach (var type in ProjectedTypes)
        {
            rest.Resource.Add(new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Documentation = "Projected from the chain (read-only; create and update answer 405). Search needs patient.",
                Interaction = [Interaction(CapabilityStatement.TypeRestfulInteraction.Read), Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType)],
                SearchParam = [.. SupportedResources.SearchParameters(type).Select(p => new CapabilityStatement.SearchParamComponent
                {
                    Name = p.Name,
                    Type = p.Type,
                    Documentation = p.Documentation,
                })],
            });
        }

        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = published.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Carechain", Version = softwareVersion },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Carechain consortium node", Url = fhirBase.ToString() },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json", "json"],
            Rest = [rest],
        };
    }

    private static CapabilityStatement.ResourceInteractionComponent Interaction(CapabilityStatement.TypeRestfulInteraction code) => new() { Code = code };
}
