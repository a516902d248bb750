using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;

namespace Carechain.Node.Fhir;

/// <summary>
/// A create or update that passed every check the chain would make at the head: <see cref="Resource"/>
/// already carries its id, <c>meta.versionId</c> and <c>meta.lastUpdated</c>; it is ready to seal and anchor.
/// <see cref="Body"/> is the validated body a single write was read from (empty for Bundle entries,
/// whose references the node rewrites): then the stored JSON is that body with the id and meta
/// spliced in (<see cref="StoredResourceJson"/>) instead of the resource serialised again.
/// </summary>
internal sealed record PreparedWrite(Resource Resource, Hash256 RecordId, Ed25519PublicKey Patient, long Version, ReadOnlyMemory<byte> Body)
{
    private byte[]? _json;

    /// <summary>The version's JSON, made once: the bytes sealed into the vault are the bytes answered.</summary>
    public byte[] Json => _json ??= Body.IsEmpty ? FhirResourceReader.Write(Resource) : StoredResourceJson.Of(Body.Span, Resource);

    public string Type => Resource.TypeName;

    public string Id => Resource.Id!;

    public bool IsCreate => Version == 1;

    /// <summary>The version's address relative to the FHIR base: <c>{type}/{id}/_history/{version}</c>.</summary>
    public string VersionPath => $"{Type}/{Id}/_history/{Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public string ETag => $"W/\"{Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
}
