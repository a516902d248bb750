using Hl7.Fhir.Model;

namespace Carechain.Cli.Fhir;

/// <summary>One resource of the file to import, with the fullUrl and local id other entries may reference it by.</summary>
internal sealed record ImportItem(string FullUrl, string? LocalReference, Resource Resource);
