using Hl7.Fhir.Model;

namespace Carechain.Fhir.Capability;

/// <summary>A search parameter the server supports for a resource type: its name, type and what it matches.</summary>
public sealed record SearchParameterDefinition(string Name, SearchParamType Type, string Documentation);
