using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Carechain.Modules.Supply.Epcis;

/// <summary>
/// The EPCIS event hash of CBV 2.0 (§8.9, the GS1 "EPCIS Event Hash ID"): a pre-hash string of the
/// event's fields in the canonical property order, each <c>key=value</c> with canonical values
/// (<see cref="EpcisCanonicalValues"/>), list members sorted, no separators; then
/// <c>ni:///sha-256;{hex}?ver=CBV2.0</c>. Left out: <c>eventID</c>, <c>recordTime</c>, the
/// <c>errorDeclaration</c> (so a declaration carries the hash of the event it corrects, as GS1's
/// reference implementation does since 2023) and this chain's <c>carechain:signedTransaction</c>
/// (the event's signature, not its content). Extensions (<c>prefix:name</c>) are written
/// <c>{namespace}name</c> from the document's <c>@context</c>, sorted, after the standard fields.
/// Where GS1's Python reference and the standard's table disagree (it writes destinationList before
/// sourceList, and ilmd before sourceList), this follows the table.
/// </summary>
public static class EpcisEventHash
{
    public const string Version = "CBV2.0";
    private const string Gs1Vocabulary = "https://gs1.org/voc/";

    private static readonly string[] EpcLists = ["inputEPCList", "childEPCs"];
    private static readonly string[] QuantityLists = ["quantityList", "childQuantityList", "inputQuantityList"];
    private static readonly string[] QuantityFields = ["epcClass", "quantity", "uom"];
    private static readonly string[] MetadataFields = ["time", "startTime", "endTime", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "bizRules"];

    private static readonly string[] ReportFields =
    [
        "type", "exception", "deviceID", "deviceMetadata", "rawData", "dataProcessingMethod", "time", "microorganism", "chemicalSubstance", "value",
        "component", "stringValue", "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue",
        "uom", "coordinateReferenceSystem",
    ];

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "type", "eventID", "recordTime", "errorDeclaration", "@context", EpcisEventView.TransactionMember,
    };

    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        "eventTime", "eventTimeZoneOffset", "certificationInfo", "epcList", "parentID", "inputEPCList", "childEPCs", "quantityList",
        "childQuantityList", "inputQuantityList", "outputEPCList", "outputQuantityList", "action", "transformationID", "bizStep", "disposition",
        "persistentDisposition", "readPoint", "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "ilmd",
    };

    /// <summary>The prefixes of the standard EPCIS 2.0 context that extensions commonly use.</summary>
    private static readonly Dictionary<string, string> StandardPrefixes = new(StringComparer.Ordinal)
    {
        ["cbvmda"] = "urn:epcglobal:cbv:mda:",
        ["gs1"] = Gs1Vocabulary,
        ["cbv"] = "https://ref.gs1.org/cbv/",
        ["epcis"] = "https://ref.gs1.org/epcis/",
    };

    /// <summary>The event's hash id, <c>ni:///sha-256;…?ver=CBV2.0</c>.</summary>
    public static string Compute(JsonObject e, JsonNode? context = null) =>
        "ni:///sha-256;" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PreHash(e, context)))) + "?ver=" + Version;

    /// <summary>The 32 bytes of the hash id.</summary>
    public static byte[] Digest(JsonObject e, JsonNode? context = null) => SHA256.HashData(Encoding.UTF8.GetBytes(PreHash(e, context)));

    /// <summary>The hash id of a digest.</summary>
    public static string IdOf(ReadOnlySpan<byte> digest) => "ni:///sha-256;" + Convert.ToHexStringLower(digest) + "?ver=" + Version;

    /// <summary>The canonical pre-hash string; <paramref name="context"/> is the document's <c>@context</c> (for extension namespaces).</summary>
    public static string PreHash(JsonObject e, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        var prefixes = Prefixes(context);
        var text = new StringBuilder("eventType=").Append(Text(e["type"]));
        Time(text, e, "eventTime");
        Plain(text, e, "eventTimeZoneOffset");
        Value(text, e, "certificationInfo", prefixes);
        Epcs(text, e, "epcList", prefixes);
        Value(text, e, "parentID", prefixes);
        foreach (var list in EpcLists)
        {
            Epcs(text, e, list, prefixes);
        }

        foreach (var list in QuantityLists)
        {
            Quantities(text, e, list, prefixes);
        }

        Epcs(text, e, "outputEPCList", prefixes);
        Quantities(text, e, "outputQuantityList", prefixes);
        Plain(text, e, "action");
        Value(text, e, "transformationID", prefixes);
        Term(text, e, "bizStep", "BizStep-", prefixes);
        Term(text, e, "disposition", "Disp-", prefixes);
        if (e["persistentDisposition"] is JsonObject persistent)
        {
            text.Append("persistentDisposition");
            foreach (var part in new[] { "set", "unset" })
            {
                text.AppendJoin(string.Empty, Items(persistent[part]).Select(v => part + "=" + EpcisCanonicalValues.Term(Text(v), "Disp-", prefixes)).Order(StringComparer.Ordinal));
            }
        }

        Location(text, e, "readPoint", prefixes);
        Location(text, e, "bizLocation", prefixes);
        Typed(text, e, "bizTransactionList", "bizTransaction", "BTT-", prefixes);
        Typed(text, e, "sourceList", "source", "SDT-", prefixes);
        Typed(text, e, "destinationList", "destination", "SDT-", prefixes);
        if (e["sensorElementList"] is JsonArray sensors && sensors.Count > 0)
        {
            text.Append("sensorElementList").AppendJoin(string.Empty, sensors.OfType<JsonObject>().Select(s => SensorElement(s, prefixes)).Order(StringComparer.Ordinal));
        }

        if (e["ilmd"] is JsonObject ilmd && ilmd.Count > 0)
        {
            text.Append("ilmd").AppendJoin(string.Empty, Generic(ilmd, _ => true, prefixes));
        }

        return text.AppendJoin(string.Empty, Generic(e, key => !Standard.Contains(key) && !Ignored.Contains(key), prefixes)).ToString();
    }

    private static string SensorElement(JsonObject sensor, IReadOnlyDictionary<string, string> prefixes)
    {
        var text = new StringBuilder("sensorElement");
        if (sensor["sensorMetadata"] is JsonObject metadata)
        {
            text.Append("sensorMetadata").Append(Ordered(metadata, MetadataFields, prefixes)).AppendJoin(string.Empty, Generic(metadata, k => !MetadataFields.Contains(k), prefixes));
        }

        var reports = Items(sensor["sensorReport"]).OfType<JsonObject>()
            .Select(r => "sensorReport" + Ordered(r, ReportFields, prefixes) + string.Concat(Generic(r, k => !ReportFields.Contains(k), prefixes)));
        return text.AppendJoin(string.Empty, reports.Order(StringComparer.Ordinal))
            .AppendJoin(string.Empty, Generic(sensor, k => k is not ("sensorMetadata" or "sensorReport"), prefixes)).ToString();
    }

    private static string Ordered(JsonObject o, string[] fields, IReadOnlyDictionary<string, string> prefixes)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            if (o[field] is not { } node)
            {
                continue;
            }

            var value = field.Contains("ime", StringComparison.Ordinal) ? EpcisCanonicalValues.Time(Text(node))
                : field == "type" && Text(node) is var type && !type.Contains(':', StringComparison.Ordinal) ? Gs1Vocabulary + type.Trim()
                : Scalar(node, prefixes);
            text.Append(field).Append('=').Append(value);
        }

        return text.ToString();
    }

    private static void Time(StringBuilder text, JsonObject e, string field)
    {
        if (e[field] is { } node)
        {
            text.Append(field).Append('=').Append(EpcisCanonicalValues.Time(Text(node)));
        }
    }

    private static void Plain(StringBuilder text, JsonObject e, string field)
    {
        if (e[field] is { } node)
        {
            text.Append(field).Append('=').Append(Text(node).Trim());
        }
    }

    private static void Value(StringBuilder text, JsonObject e, string field, IReadOnlyDictionary<string, string> prefixes)
    {
        if (e[field] is { } node)
        {
            text.Append(field).Append('=').Append(Scalar(node, prefixes));
        }
    }

    private static void Term(StringBuilder text, JsonObject e, string field, string vocabulary, IReadOnlyDictionary<string, string> prefixes)
    {
        if (e[field] is { } node)
        {
            text.Append(field).Append('=').Append(EpcisCanonicalValues.Term(Text(node), vocabulary, prefixes));
        }
    }

    private static void Epcs(StringBuilder text, JsonObject e, string list, IReadOnlyDictionary<string, string> prefixes)
    {
        if (e[list] is JsonArray epcs && epcs.Count > 0)
        {
            text.Append(list).AppendJoin(string.Empty, epcs.Select(epc => "epc=" + EpcisCanonicalValues.Value(Text(epc), prefixes)).Order(StringComparer.Ordinal));
        }
    }

    private static void Quantities(StringBuilder text, JsonObject e, string list, IReadOnlyDictionary<string, string> prefixes)
    {
        if (e[list] is JsonArray quantities && quantities.Count > 0)
        {
            text.Append(list).AppendJoin(string.Empty, quantities.OfType<JsonObject>().Select(q => "quantityElement" + Ordered(q, QuantityFields, prefixes)).Order(StringComparer.Ordinal));
        }
    }

    private static void Location(StringBuilder text, JsonObject e, string field, IReadOnlyDictionary<string, string> prefixes)
    {
        if (e[field] is JsonObject location)
        {
            text.Append(field).Append(Ordered(location, ["id"], prefixes)).AppendJoin(string.Empty, Generic(location, k => k != "id", prefixes));
        }
    }

    /// <summary>bizTransactionList, sourceList, destinationList: each member's type first, then its value; members sorted.</summary>
    private static void Typed(StringBuilder text, JsonObject e, string list, string member, string vocabulary, IReadOnlyDictionary<string, string> prefixes)
    {
        if (e[list] is JsonArray items && items.Count > 0)
        {
            var members = items.OfType<JsonObject>().Select(item =>
                (item["type"] is { } type ? "type=" + EpcisCanonicalValues.Term(Text(type), vocabulary, prefixes) : string.Empty)
                + member + "=" + EpcisCanonicalValues.Value(Text(item[member]), prefixes));
            text.Append(list).AppendJoin(string.Empty, members.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Extension members: <c>{namespace}name=value</c>, objects followed by their own members, arrays one entry per item; sorted.</summary>
    private static IEnumerable<string> Generic(JsonObject o, Func<string, bool> include, IReadOnlyDictionary<string, string> prefixes)
    {
        var entries = new List<string>();
        foreach (var (key, value) in o)
        {
            if (include(key) && !Ignored.Contains(key))
            {
                foreach (var item in Items(value))
                {
                    entries.Add(Entry(Expand(key, prefixes), item, prefixes));
                }
            }
        }

        return entries.Order(StringComparer.Ordinal);
    }

    private static string Entry(string key, JsonNode? value, IReadOnlyDictionary<string, string> prefixes) => value switch
    {
        JsonObject o => key + string.Concat(Generic(o, _ => true, prefixes)),
        null => key,
        _ when Scalar(value, prefixes) is { Length: > 0 } text => key + "=" + text,
        _ => key,
    };

    private static string Expand(string key, IReadOnlyDictionary<string, string> prefixes)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && prefixes.TryGetValue(key[..colon], out var ns) ? "{" + ns + "}" + key[(colon + 1)..] : key;
    }

    private static string Scalar(JsonNode node, IReadOnlyDictionary<string, string> prefixes) => node.GetValueKind() switch
    {
        JsonValueKind.Number => EpcisCanonicalValues.Number(double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => EpcisCanonicalValues.Value((string)node!, prefixes),
        _ => node.ToJsonString(),
    };

    private static JsonNode?[] Items(JsonNode? node) => node switch
    {
        JsonArray array => [.. array],
        null => [],
        _ => [node],
    };

    private static string Text(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => (string)node!,
        null => string.Empty,
        _ => node.ToJsonString(),
    };

    private static Dictionary<string, string> Prefixes(JsonNode? context)
    {
        var prefixes = new Dictionary<string, string>(StandardPrefixes, StringComparer.Ordinal);
        foreach (var item in Items(context))
        {
            if (item is JsonObject definitions)
            {
                foreach (var (prefix, ns) in definitions)
                {
                    if (ns?.GetValueKind() == JsonValueKind.String)
                    {
                        prefixes[prefix] = (string)ns!;
                    }
                }
            }
        }

        return prefixes;
    }
}
