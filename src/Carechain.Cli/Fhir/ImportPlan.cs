using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.Fhir.Bundles;
using Carechain.Fhir.Capability;
using Carechain.Fhir.Outcomes;
using Carechain.Fhir.Parsing;
using Hl7.Fhir.Model;

namespace Carechain.Cli.Fhir;

/// <summary>
/// What <c>carechain fhir import</c> will send, read from a FHIR Bundle file (a Synthea-style
/// <c>collection</c> or <c>transaction</c>): the Patient, keyed by the patient's registered key, and the
/// supported clinical resources in an order where each comes after the entries it references. Resources
/// of other types are only counted by type, and invalid ones only counted: their content is never shown.
/// </summary>
internal sealed class ImportPlan
{
    /// <summary>The largest Bundle file read.</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    private const string KeySystem = "urn:carechain:key";

    /// <summary>The identifier system for a URI, here the <c>urn:uuid:</c> fullUrl a resource had in its source Bundle.</summary>
    private const string UriSystem = "urn:ietf:rfc:3986";

    private ImportPlan(Ed25519PublicKey patientKey, Patient? patient, IReadOnlyList<ImportItem> items, IReadOnlySet<string> patientReferences,
        IReadOnlyDictionary<string, int> skipped, int invalid)
    {
        PatientKey = patientKey;
        Patient = patient;
        Items = items;
        PatientReferences = patientReferences;
        Skipped = skipped;
        Invalid = invalid;
    }

    public Ed25519PublicKey PatientKey { get; }

    /// <summary>The bundle's Patient with the key identifier set, or null when the bundle has none.</summary>
    public Patient? Patient { get; }

    /// <summary>The clinical resources to create, dependencies first.</summary>
    public IReadOnlyList<ImportItem> Items { get; }

    /// <summary>The fullUrl and local reference the bundle's Patient is referenced by.</summary>
    public IReadOnlySet<string> PatientReferences { get; }

    /// <summary>Entries of types this server does not store, counted per type.</summary>
    public IReadOnlyDictionary<string, int> Skipped { get; }

    /// <summary>Entries of a supported type that the FHIR validator refused.</summary>
    public int Invalid { get; }

    /// <summary>Reads the file; throws <see cref="CliException"/> (usage) for anything that makes the import impossible.</summary>
    public static async Task<ImportPlan> LoadAsync(string path, string? patientHex, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw CliException.Usage($"file {path} does not exist");
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw CliException.Usage($"{path} is larger than {MaxFileBytes / (1024 * 1024)} MiB");
        }

        Ed25519PublicKey? given = null;
        if (patientHex is not null)
        {
            given = Ed25519PublicKey.TryParse(patientHex, out var key) ? key : throw CliException.Usage("--patient must be the patient's public key (64 hexadecimal characters)");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw CliException.Usage($"{path} is not well-formed JSON (line {(ex.LineNumber ?? 0) + 1})");
        }

        using (document)
        {
            return Plan(document.RootElement, given, path);
        }
    }

    private static ImportPlan Plan(JsonElement root, Ed25519PublicKey? given, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("resourceType", out var type) || type.GetString() != "Bundle")
        {
            throw CliException.Usage($"{path} is not a FHIR Bundle");
        }

        var bundleType = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (bundleType is not ("collection" or "transaction" or "batch"))
        {
            throw CliException.Usage($"{path} is a Bundle of type '{bundleType}'; a collection, transaction or batch Bundle is expected");
        }

        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var items = new List<ImportItem>();
        var patients = new List<ImportItem>();
        var invalid = 0;
        var entries = root.TryGetProperty("entry", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToArray() : [];
        foreach (var entry in entries)
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
            {
                Count(skipped, "(no resource)");
                continue;
            }

            var resourceType = resource.TryGetProperty("resourceType", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString()! : "(no resourceType)";
            if (!SupportedResources.IsSupported(resourceType))
            {
                Count(skipped, resourceType.Length <= 64 && resourceType.All(char.IsAsciiLetter) ? resourceType : "(invalid resourceType)");
                continue;
            }

            Resource parsed;
            try
            {
                parsed = FhirResourceReader.Read(Encoding.UTF8.GetBytes(resource.GetRawText()), resourceType);
            }
            catch (FhirInputException)
            {
                invalid++;
                continue;
            }

            var fileUrl = entry.TryGetProperty("fullUrl", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : null;
            var local = parsed.Id is { Length: > 0 } id ? $"{resourceType}/{id}" : null;
            (parsed is Patient ? patients : items).Add(new ImportItem(fileUrl ?? $"urn:uuid:{Guid.NewGuid()}", local, parsed, Condition(parsed, fileUrl)));
        }

        if (patients.Count > 1)
        {
            throw CliException.Usage($"{path} holds {patients.Count} Patients; import one patient's Bundle at a time");
        }

        var patient = patients.Count == 1 ? (Patient)patients[0].Resource : null;
        var key = KeyOf(patient, given);
        var references = new HashSet<string>(StringComparer.Ordinal);
        if (patient is not null)
        {
            references.Add(patients[0].FullUrl);
            if (patients[0].LocalReference is { } local)
            {
                references.Add(local);
            }
        }

        return new ImportPlan(key, patient, DependenciesFirst(items), references, skipped, invalid);
    }

    /// <summary>
    /// The search that finds a clinical resource a previous import of this file stored, so importing twice creates nothing
    /// twice: its first business identifier, else its <c>urn:uuid:</c> fullUrl, which is then kept as an identifier
    /// (system <c>urn:ietf:rfc:3986</c>); null when it has neither (it is created on every import).
    /// </summary>
    private static string? Condition(Resource resource, string? fullUrl)
    {
        if (resource is Patient || resource is not IIdentifiable<List<Identifier>> identifiable)
        {
            return null;
        }

        identifiable.Identifier ??= [];
        var identifier = identifiable.Identifier.FirstOrDefault(i => !string.IsNullOrEmpty(i.System) && !string.IsNullOrEmpty(i.Value));
        if (identifier is null && fullUrl is not null && fullUrl.StartsWith("urn:uuid:", StringComparison.Ordinal))
        {
            identifier = new Identifier(UriSystem, fullUrl);
            identifiable.Identifier.Add(identifier);
        }

        return identifier is null ? null : $"identifier={Uri.EscapeDataString($"{SearchEscaped(identifier.System!)}|{SearchEscaped(identifier.Value!)}")}";
    }

    /// <summary>A search value with FHIR's escapes for the characters that separate values.</summary>
    private static string SearchEscaped(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal);

    /// <summary>The patient's key from --patient or the Patient's <c>urn:carechain:key</c> identifier, which is set when missing.</summary>
    private static Ed25519PublicKey KeyOf(Patient? patient, Ed25519PublicKey? given)
    {
        var identifiers = patient?.Identifier.Where(i => i.System == KeySystem).ToList() ?? [];
        Ed25519PublicKey? inBundle = null;
        if (identifiers.Count > 1 || (identifiers.Count == 1 && !Ed25519PublicKey.TryParse(identifiers[0].Value, out _)))
        {
            throw CliException.Usage($"the Patient must have at most one {KeySystem} identifier, holding the patient's key in hex");
        }

        if (identifiers.Count == 1 && Ed25519PublicKey.TryParse(identifiers[0].Value, out var identified))
        {
            inBundle = identified;
        }

        if (given is { } g && inBundle is { } b && g != b)
        {
            throw CliException.Usage($"--patient differs from the Patient's {KeySystem} identifier");
        }

        var key = given ?? inBundle ?? throw CliException.Usage(
            patient is null
                ? "the Bundle has no Patient; give --patient HEXKEY, the registered patient the resources belong to"
                : $"the Patient has no {KeySystem} identifier; give --patient HEXKEY, the patient's registered key");
        if (patient is not null && inBundle is null)
        {
            patient.Identifier.Add(new Identifier(KeySystem, key.ToString()));
        }

        return key;
    }

    /// <summary>A stable order where each item follows the items it references (references in a cycle keep the file's order).</summary>
    private static List<ImportItem> DependenciesFirst(List<ImportItem> items)
    {
        var byReference = new Dictionary<string, ImportItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byReference.TryAdd(item.FullUrl, item);
            if (item.LocalReference is { } local)
            {
                byReference.TryAdd(local, item);
            }
        }

        var ordered = new List<ImportItem>(items.Count);
        var visited = new HashSet<ImportItem>(ReferenceEqualityComparer.Instance);
        void Visit(ImportItem item)
        {
            if (!visited.Add(item))
            {
                return;
            }

            foreach (var reference in BundleReferences.In(item.Resource))
            {
                if (reference.Reference is { } target && byReference.TryGetValue(target, out var dependency))
                {
                    Visit(dependency);
                }
            }

            ordered.Add(item);
        }

        items.ForEach(Visit);
        return ordered;
    }

    private static void Count(SortedDictionary<string, int> counts, string type) => counts[type] = counts.GetValueOrDefault(type) + 1;
}
