using Hl7.Fhir.Model;

namespace Carechain.Cli.Fhir;

/// <summary>
/// One resource of the file to import, with the fullUrl and local id other entries may reference it by, and the
/// search (<c>ifNoneExist</c>) that finds it on the node if an earlier import stored it, when it has a stable identity.
/// </summary>
internal sealed record ImportItem(string FullUrl, string? LocalReference, Resource Resource, string? IfNoneExist = null);
