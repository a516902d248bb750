using System.Globalization;
using System.Text.Json.Nodes;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply;
using Carechain.Modules.Supply.Epcis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Gs1;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Client.Epcis;

/// <summary>
/// The one mapping between EPCIS 2.0 ObjectEvents and supply operations, used by clients to build
/// and sign a capture and by the node to check that each event's signed transaction says exactly
/// what the event says. Supported: bizStep commissioning (action ADD, lot and expiry in
/// <c>ilmd</c>), shipping and returning (receiver as the <c>owning_party</c> destination
/// <c>urn:carechain:org:{id}</c>), receiving, dispensing, decommissioning and destroying (reason from
/// the disposition), and AggregationEvents (ADD packs <c>childEPCs</c> into the SSCC <c>parentID</c>,
/// DELETE unpacks it). Custody ObjectEvents may name cases and pallets (SSCCs) in <c>epcList</c>
/// beside packs; the event applies to every pack packed in them. A dispensing or decommissioning ObjectEvent carrying an <c>errorDeclaration</c>
/// declares that event in error: it maps to <c>supply/undo</c> with the CBV error reason, its payload
/// carrying the hash of the event it corrects (the hash leaves the declaration out, ADR 0012). bizSteps may be bare CBV terms or <c>urn:epcglobal:cbv:bizstep:</c> URNs; EPCs
/// are GS1 Digital Link URIs or any GS1 code form naming (01) and (21).
/// </summary>
public static class EpcisMapping
{
    public const string TransactionMember = EpcisEventView.TransactionMember;
    public const string OrganisationUrn = "urn:carechain:org:";
    public const string LocationUrn = "urn:carechain:location:";
    private const string BizStepUrn = "urn:epcglobal:cbv:bizstep:";
    private const string DispositionUrn = "urn:epcglobal:cbv:disp:";
    private const string ErrorReasonUrn = "urn:epcglobal:cbv:er:";

    /// <summary>The events of an EPCIS document (<c>epcisBody.eventList</c>).</summary>
    public static JsonArray Events(JsonNode? document)
    {
        if (document is not JsonObject root || root["type"]?.GetValueKind() != System.Text.Json.JsonValueKind.String || (string?)root["type"] != "EPCISDocument")
        {
            throw new EpcisFormatException("the body is not an EPCIS 2.0 document (type EPCISDocument)");
        }

        return root["epcisBody"]?["eventList"] as JsonArray ?? throw new EpcisFormatException("epcisBody.eventList is missing");
    }

    /// <summary>
    /// The supply operation an event stands for, its payload carrying the event's CBV 2.0 hash
    /// (<see cref="EpcisEventHash"/>, with <paramref name="context"/> the document's <c>@context</c>)
    /// so the chain applies each event once. An <c>eventID</c> in the hash form must be that hash.
    /// </summary>
    public static EpcisMappedEvent Map(JsonNode? node, int referenceYear, JsonNode? context = null)
    {
        if (node is not JsonObject e)
        {
            throw new EpcisFormatException("an event is not a JSON object");
        }

        var hash = Hash256.Read(EpcisEventHash.Digest(e, context));
        if (e["eventID"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string)e["eventID"]! is var declared
            && declared.StartsWith("ni:", StringComparison.Ordinal) && declared != EpcisEventHash.IdOf(hash.ToArray()))
        {
            throw new EpcisFormatException($"eventID {declared} is not this event's hash {EpcisEventHash.IdOf(hash.ToArray())}");
        }

        var type = Text(e, "type");
        var declaration = e["errorDeclaration"];
        if (declaration is not null && type != "ObjectEvent")
        {
            throw new EpcisFormatException("an errorDeclaration is captured on an ObjectEvent that dispensed or decommissioned packs");
        }

        if (type == "AggregationEvent")
        {
            return Aggregation(e, referenceYear, hash);
        }

        if (type != "ObjectEvent")
        {
            throw new EpcisFormatException($"{type} events are not captured; send ObjectEvents and AggregationEvents");
        }

        var (packs, containers) = Epcs(e, referenceYear);
        var step = Strip(Text(e, "bizStep"), BizStepUrn);
        var action = Text(e, "action");
        var location = Location(e);
        if (declaration is not null)
        {
            return step is "dispensing" or "decommissioning" or "destroying"
                ? Custody(CustodyAction.Undo, new CustodyRequest(PacksOnly(packs, containers, "an errorDeclaration"), null, ErrorReason(declaration), location, null, hash))
                : throw new EpcisFormatException($"an errorDeclaration corrects a dispensing or decommissioning event; a {step} event is not undone");
        }

        switch (step)
        {
            case "commissioning" when action == "ADD":
                PacksOnly(packs, containers, "a commissioning event");
                var (lot, expiry) = LotAndExpiry(e);
                var gtin = packs[0].Gtin;
                if (packs.Any(p => p.Gtin != gtin))
                {
                    throw new EpcisFormatException("a commissioning event names packs of one GTIN");
                }

                return new(SupplyOperations.Commission, new CommissionRequest(gtin, lot, expiry, [.. packs.Select(p => SerialRange.OfOne(p.Serial))], location, hash).Encode(), hash);
            case "shipping":
                return Custody(CustodyAction.Ship, new CustodyRequest(packs, Receiver(e), string.Empty, location, containers, hash));
            case "returning":
                return Custody(CustodyAction.Return, new CustodyRequest(packs, Receiver(e), string.Empty, location, containers, hash));
            case "receiving":
                return Custody(CustodyAction.Receive, new CustodyRequest(packs, null, string.Empty, location, containers, hash));
            case "dispensing":
                return Custody(CustodyAction.Dispense, new CustodyRequest(packs, null, string.Empty, location, containers, hash));
            case "decommissioning" or "destroying":
                return Custody(CustodyAction.Decommission, new CustodyRequest(packs, null, Reason(step, e), location, containers, hash));
            default:
                throw new EpcisFormatException($"bizStep '{step}' with action '{action}' is not captured");
        }
    }

    /// <summary>An EPCIS 2.0 ObjectEvent naming packs; sign it for capture with <see cref="EpcisSigning.SignAsync"/>.</summary>
    public static JsonObject ObjectEvent(string bizStep, string action, IEnumerable<PackId> packs, long eventTimeMs)
    {
        ArgumentNullException.ThrowIfNull(packs);
        return new JsonObject
        {
            ["type"] = "ObjectEvent",
            ["eventTime"] = DateTimeOffset.FromUnixTimeMilliseconds(eventTimeMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["eventTimeZoneOffset"] = "+00:00",
            ["epcList"] = new JsonArray([.. packs.Select(p => (JsonNode)JsonValue.Create(p.ToDigitalLink()))]),
            ["action"] = action,
            ["bizStep"] = bizStep,
        };
    }

    public static JsonObject Document(IEnumerable<JsonObject> events, long creationMs) => new()
    {
        ["@context"] = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
        ["type"] = "EPCISDocument",
        ["schemaVersion"] = "2.0",
        ["creationDate"] = DateTimeOffset.FromUnixTimeMilliseconds(creationMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["epcisBody"] = new JsonObject { ["eventList"] = new JsonArray([.. events]) },
    };

    /// <summary>ADD packs <c>childEPCs</c> into <c>parentID</c> (an SSCC); DELETE unpacks the whole parent.</summary>
    private static EpcisMappedEvent Aggregation(JsonObject e, int referenceYear, Hash256 hash)
    {
        var action = Text(e, "action");
        var parentText = Text(e, "parentID");
        if (!Gs1Code.TryParse(parentText, referenceYear, out var parent, out _) || parent!.Sscc is not { } sscc)
        {
            throw new EpcisFormatException($"parentID '{parentText}' is not an SSCC (a Digital Link /00/… or (00)…)");
        }

        var children = action == "ADD" ? Packs(e, referenceYear, "childEPCs") : [];
        if (action is not ("ADD" or "DELETE"))
        {
            throw new EpcisFormatException("an AggregationEvent's action is ADD or DELETE");
        }

        var request = new AggregationRequest(sscc, children, Location(e), hash);
        return request.Validate(action == "ADD") is { } problem
            ? throw new EpcisFormatException($"the aggregation is not valid: {problem}")
            : new(action == "ADD" ? SupplyOperations.Aggregate : SupplyOperations.Disaggregate, request.Encode(), hash);
    }

    private static EpcisMappedEvent Custody(CustodyAction action, CustodyRequest request)
    {
        if (request.Packs.Count + request.AllContainers.Count > CustodyRequest.MaxPacks)
        {
            throw new EpcisFormatException($"an event names at most {CustodyRequest.MaxPacks} packs and cases");
        }

        return request.Validate(action) is { } problem
            ? throw new EpcisFormatException($"the event is not a valid {SupplyOperations.NameOf(action)}: {problem}")
            : new(SupplyOperations.NameOf(action), request.Encode(), request.EventHash!.Value);
    }

    /// <summary>
    /// An ObjectEvent's <c>epcList</c>: packs (GTIN and serial) and cases or pallets (SSCC, whose
    /// events apply to every pack packed in them), in any GS1 form the parser reads.
    /// </summary>
    private static (PackId[] Packs, Sscc[] Containers) Epcs(JsonObject e, int referenceYear)
    {
        if (e["epcList"] is not JsonArray list || list.Count == 0)
        {
            throw new EpcisFormatException("epcList is missing or empty");
        }

        var packs = new List<PackId>();
        var containers = new List<Sscc>();
        foreach (var item in list)
        {
            var text = item?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)item! : throw new EpcisFormatException("an EPC is not a string");
            if (!Gs1Code.TryParse(text, referenceYear, out var code, out var error))
            {
                throw new EpcisFormatException($"EPC '{text}' is not a GS1 Digital Link, EPC URN or code naming a pack or an SSCC: {error}");
            }

            if (code!.Sscc is { } sscc && code.Gtin is null)
            {
                containers.Add(sscc);
            }
            else if (code.Gtin is { } gtin && PackId.TryCreate(gtin, code.Serial, out var pack))
            {
                packs.Add(pack);
            }
            else
            {
                throw new EpcisFormatException($"EPC '{text}' names neither a pack (GTIN and serial) nor a case or pallet (SSCC)");
            }
        }

        return ([.. packs], [.. containers]);
    }

    private static PackId[] PacksOnly(PackId[] packs, Sscc[] containers, string what) =>
        containers.Length == 0 ? packs : throw new EpcisFormatException($"{what} names packs, not cases or pallets (SSCC {containers[0].Value})");

    private static PackId[] Packs(JsonObject e, int referenceYear, string member)
    {
        if (e[member] is not JsonArray list || list.Count == 0)
        {
            throw new EpcisFormatException($"{member} is missing or empty");
        }

        return [.. list.Select(item =>
        {
            var text = item?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)item! : throw new EpcisFormatException("an EPC is not a string");
            if (!Gs1Code.TryParse(text, referenceYear, out var code, out var error) || code!.Gtin is not { } gtin || !PackId.TryCreate(gtin, code.Serial, out var pack))
            {
                throw new EpcisFormatException($"EPC '{text}' is not a GS1 Digital Link or code naming a GTIN and serial{(error is null ? string.Empty : ": " + error)}");
            }

            return pack;
        })];
    }

    private static (string Lot, DateOnly Expiry) LotAndExpiry(JsonObject e)
    {
        var ilmd = e["ilmd"] as JsonObject ?? throw new EpcisFormatException("a commissioning event carries ilmd with the lot and expiry");
        var lot = ilmd["cbvmda:lotNumber"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)ilmd["cbvmda:lotNumber"]! : null;
        var expiry = ilmd["cbvmda:itemExpirationDate"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)ilmd["cbvmda:itemExpirationDate"]! : null;
        if (lot is null || expiry is null || !DateOnly.TryParseExact(expiry, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new EpcisFormatException("ilmd needs cbvmda:lotNumber and cbvmda:itemExpirationDate (YYYY-MM-DD)");
        }

        return (lot, date);
    }

    private static OrganisationId Receiver(JsonObject e)
    {
        var destination = (e["destinationList"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(d => (string?)d["type"] is "owning_party" or "urn:epcglobal:cbv:sdt:owning_party");
        var id = destination?["destination"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)destination["destination"]! : null;
        return id is not null && id.StartsWith(OrganisationUrn, StringComparison.Ordinal) && OrganisationId.TryParse(id[OrganisationUrn.Length..], out var org)
            ? org
            : throw new EpcisFormatException($"a shipping event names its receiver as an owning_party destination {OrganisationUrn}{{id}}");
    }

    private static string Reason(string step, JsonObject e)
    {
        var disposition = e["disposition"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Strip((string)e["disposition"]!, DispositionUrn) : string.Empty;
        return step == "destroying" ? DecommissionReasons.Destroyed : disposition switch
        {
            "stolen" => DecommissionReasons.Stolen,
            "destroyed" => DecommissionReasons.Destroyed,
            "damaged" => DecommissionReasons.Damaged,
            "expired" => DecommissionReasons.Expired,
            _ => DecommissionReasons.Withdrawn,
        };
    }

    /// <summary>
    /// The CBV error reason of an <c>errorDeclaration</c> (bare term or <c>urn:epcglobal:cbv:er:</c> URN):
    /// <c>incorrect_data</c> or <c>did_not_occur</c>; <c>declarationTime</c> is required and
    /// <c>correctiveEventIDs</c>, when given, is a list of event ids.
    /// </summary>
    private static string ErrorReason(JsonNode declaration)
    {
        if (declaration is not JsonObject d || d["declarationTime"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || !DateTimeOffset.TryParse((string)d["declarationTime"]!, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new EpcisFormatException("an errorDeclaration carries its declarationTime (an ISO 8601 date and time)");
        }

        if (d["correctiveEventIDs"] is { } corrective && (corrective is not JsonArray ids || ids.Any(id => id?.GetValueKind() != System.Text.Json.JsonValueKind.String)))
        {
            throw new EpcisFormatException("errorDeclaration.correctiveEventIDs is a list of event ids");
        }

        var reason = d["reason"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Strip((string)d["reason"]!, ErrorReasonUrn) : null;
        return reason is not null && DecommissionReasons.UndoReasons.Contains(reason)
            ? reason
            : throw new EpcisFormatException("errorDeclaration.reason is incorrect_data or did_not_occur (CBV 2.0 error reasons)");
    }

    private static string Location(JsonObject e)
    {
        var id = e["readPoint"]?["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)e["readPoint"]!["id"]! : string.Empty;
        return id.StartsWith(LocationUrn, StringComparison.Ordinal) ? Uri.UnescapeDataString(id[LocationUrn.Length..]) : id;
    }

    private static string Text(JsonObject e, string member) =>
        e[member]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)e[member]! : throw new EpcisFormatException($"the event has no {member}");

    private static string Strip(string value, string urn) => value.StartsWith(urn, StringComparison.Ordinal) ? value[urn.Length..] : value;
}
