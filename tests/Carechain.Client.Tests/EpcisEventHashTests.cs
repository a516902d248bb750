using System.Text.Json.Nodes;
using Carechain.Client.Epcis;
using Carechain.Modules.Supply.Epcis;

namespace Carechain.Client.Tests;

/// <summary>
/// The CBV 2.0 event hash against the worked examples of GS1's reference implementation
/// (RalphTro/epcis-event-hash-generator, tests/examples: the expected hash ids are theirs), and one
/// hand-checked vector where that implementation departs from the standard's property order.
/// </summary>
public sealed class EpcisEventHashTests
{
    private static readonly JsonNode Context = JsonNode.Parse("""
        ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"gs1": "https://gs1.org/voc/"},
         {"example": "https://ns.example.com/epcis/"}, {"cbvmda": "urn:epcglobal:cbv:mda:"}]
        """)!;

    [Fact]
    public void A_shipping_event_with_urns_and_a_local_time_hashes_as_the_reference_does()
    {
        var e = Event("""
            {"type": "ObjectEvent", "action": "OBSERVE", "bizStep": "shipping", "disposition": "in_transit",
             "epcList": ["urn:epc:id:sgtin:0614141.107346.2017", "urn:epc:id:sgtin:0614141.107346.2018"],
             "eventTime": "2022-02-16T20:33:31.116000-06:00", "eventTimeZoneOffset": "-06:00",
             "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"},
             "bizTransactionList": [{"type": "po", "bizTransaction": "http://transaction.acme.com/po/12345678"}]}
            """);

        Assert.Equal(
            "eventType=ObjectEventeventTime=2022-02-17T02:33:31.116ZeventTimeZoneOffset=-06:00epcListepc=https://id.gs1.org/01/10614141073464/21/2017"
            + "epc=https://id.gs1.org/01/10614141073464/21/2018action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-shipping"
            + "disposition=https://ref.gs1.org/cbv/Disp-in_transitreadPointid=https://id.gs1.org/414/0614141073467/254/1234"
            + "bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=http://transaction.acme.com/po/12345678",
            EpcisEventHash.PreHash(e, Context));
        Assert.Equal("ni:///sha-256;ffa491b16867e34a7791a8d5389d826afc24e63a121026b6a4004ace38631b4b?ver=CBV2.0", EpcisEventHash.Compute(e, Context));
    }

    [Fact]
    public void Nested_user_extensions_are_expanded_and_sorted()
    {
        var e = Event("""
            {"type": "ObjectEvent", "eventTime": "2020-03-04T11:00:30.000+01:00", "eventTimeZoneOffset": "+01:00",
             "recordTime": "2020-03-04T11:00:30.999+01:00",
             "epcList": ["urn:epc:id:sscc:4012345.0000000333", "urn:epc:id:sscc:4012345.0000000111", "urn:epc:id:sscc:4012345.0000000222"],
             "action": "OBSERVE", "bizStep": "departing", "readPoint": {"id": "urn:epc:id:sgln:4012345.00011.987"},
             "example:myField1": {"example:mySubField1": "2", "example:mySubField2": "5"}, "example:myField2": "0",
             "example:myField3": {"example:mySubField3": ["3", "1"]}}
            """);

        Assert.Equal("ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0", EpcisEventHash.Compute(e, Context));
    }

    [Fact]
    public void The_error_declaration_and_event_id_do_not_change_the_hash()
    {
        var e = Event("""
            {"type": "TransformationEvent", "eventTime": "2020-01-14T00:00:00.000+01:00", "eventTimeZoneOffset": "+01:00",
             "eventID": "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8",
             "inputEPCList": ["urn:epc:id:sgtin:4012345.011111.987"], "outputEPCList": ["urn:epc:id:sgtin:4012345.033333.AGHFG"],
             "inputQuantityList": [{"epcClass": "urn:epc:class:lgtin:4012345.022222.87545GHGH"}],
             "outputQuantityList": [{"epcClass": "urn:epc:idpat:sgtin:4012345.044444.*", "quantity": 452.0, "uom": "KGM"}],
             "bizStep": "commissioning", "readPoint": {"id": "urn:epc:id:sgln:4012345.00000.0"},
             "errorDeclaration": {"declarationTime": "2020-01-15T00:00:00.000+01:00", "reason": "incorrect_data", "example:vendorExtension": "Test1"}}
            """);
        var hash = EpcisEventHash.Compute(e, Context);
        e.Remove("errorDeclaration");
        e.Remove("eventID");

        Assert.Equal("ni:///sha-256;e16ce101f3d7383612e00b74419b2d88f12baa6a124b0e390252d396687d5cf7?ver=CBV2.0", hash);
        Assert.Equal(hash, EpcisEventHash.Compute(e, Context));
    }

    [Theory]
    [InlineData("""
        {"type": "ObjectEvent", "eventTime": "2019-10-21T14:58:56.000+02:00", "eventTimeZoneOffset": "+02:00",
         "quantityList": [{"epcClass": "urn:epc:class:lgtin:4054739.099914.20160711", "quantity": 600, "uom": "KGM"}],
         "action": "ADD", "bizStep": "commissioning", "readPoint": {"id": "urn:epc:id:sgln:4054739.00001.0"},
         "ilmd": {"cbvmda:bestBeforeDate": "2019-10-21"}}
        """, "5f396ea5cb32fe4d0980cb79f5a5eb9640559e9f5a6cefa5c98a7d6ad554b50b")]
    [InlineData("""
        {"type": "AggregationEvent", "eventTime": "2019-10-21T11:58:56.591+02:00", "eventTimeZoneOffset": "+02:00",
         "parentID": "urn:epc:id:sscc:4047023.0111111122",
         "childEPCs": ["urn:epc:id:sgtin:4047023.077551.98", "urn:epc:id:sgtin:4047023.077551.97", "urn:epc:id:sgtin:4047023.077551.107", "urn:epc:id:sgtin:4047023.077551.109"],
         "action": "ADD", "bizStep": "packing", "readPoint": {"id": "urn:epc:id:sgln:4047023.00012.0"}}
        """, "c941e6486c561c2be83c28dc228c150eaef9a6befb1015e6cc563982fb7414b6")]
    [InlineData("""
        {"type": "AggregationEvent", "eventTime": "2019-10-21T17:30:56.591+02:00", "eventTimeZoneOffset": "+02:00",
         "parentID": "urn:epc:id:sscc:4012344.0111111133",
         "childQuantityList": [{"epcClass": "urn:epc:class:lgtin:4054739.099902.P2", "quantity": 12, "uom": "KGM"},
                               {"epcClass": "urn:epc:class:lgtin:4054739.012345.lot2", "quantity": 17}],
         "action": "ADD", "bizStep": "packing", "readPoint": {"id": "urn:epc:id:sgln:4012345.00025.0"}}
        """, "cfda50b7ff23682e989bafc3747ac9b752f405305fcde6618280f6be27344f35")]
    [InlineData("""
        {"type": "TransactionEvent", "eventTime": "2019-10-21T00:05:00-06:00", "eventTimeZoneOffset": "-06:00",
         "epcList": ["urn:epc:id:sgtin:0614141.107340.1", "urn:epc:id:sgtin:0614141.107340.2"],
         "action": "ADD", "bizStep": "shipping", "readPoint": {"id": "urn:epc:id:sgln:4012345.00000.5"},
         "bizLocation": {"id": "urn:epc:id:sgln:4012345.00000.0"},
         "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:4012345123456:RE100099"}]}
        """, "cf6559dc931963f19ed9cd2fe33c02ef64c8cfd557e5a96b086a87db315b7122")]
    public void Reference_examples_of_each_event_shape_hash_as_published(string json, string digest)
    {
        Assert.Equal($"ni:///sha-256;{digest}?ver=CBV2.0", EpcisEventHash.Compute(Event(json), Context));
    }

    [Fact]
    public void Sources_come_before_destinations_as_the_standard_orders_them()
    {
        // GS1's Python reference writes destinationList first (it sorts the lists it leaves to the end); the
        // CBV 2.0 table, and the epcis2.js implementation, put sourceList (21) before destinationList (22).
        var e = Event("""
            {"type": "ObjectEvent", "eventTime": "2022-02-16T12:50:00.000+01:00", "eventTimeZoneOffset": "+01:00",
             "epcList": ["urn:epc:id:sscc:4012345.1112223334"], "action": "OBSERVE", "bizStep": "departing",
             "readPoint": {"id": "urn:epc:id:sgln:4012345.00022.0"},
             "bizTransactionList": [{"type": "desadv", "bizTransaction": "urn:epcglobal:cbv:bt:4012345000009:ASN1099"}],
             "sourceList": [{"type": "possessing_party", "source": "urn:epc:id:pgln:4012345.00000"}],
             "destinationList": [{"type": "possessing_party", "destination": "urn:epc:id:pgln:4023333.00000"}]}
            """);

        Assert.Equal(
            "eventType=ObjectEventeventTime=2022-02-16T11:50:00.000ZeventTimeZoneOffset=+01:00epcListepc=https://id.gs1.org/00/140123451122233341"
            + "action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-departingreadPointid=https://id.gs1.org/414/4012345000221"
            + "bizTransactionListtype=https://ref.gs1.org/cbv/BTT-desadvbizTransaction=urn:epcglobal:cbv:bt:4012345000009:ASN1099"
            + "sourceListtype=https://ref.gs1.org/cbv/SDT-possessing_partysource=https://id.gs1.org/417/4012345000009"
            + "destinationListtype=https://ref.gs1.org/cbv/SDT-possessing_partydestination=https://id.gs1.org/417/4023333000000",
            EpcisEventHash.PreHash(e, Context));
        Assert.Equal("ni:///sha-256;2919bf0587534fef0e25eea97b5dda68f345e6bbf2c6b4cb27b2a52e0039272b?ver=CBV2.0", EpcisEventHash.Compute(e, Context));
    }

    [Fact]
    public void The_same_event_in_other_forms_has_the_same_hash()
    {
        var urns = Event("""
            {"type": "ObjectEvent", "eventTime": "2030-01-01T10:00:00+01:00", "eventTimeZoneOffset": "+01:00", "action": "OBSERVE",
             "epcList": ["urn:epc:id:sgtin:950600.0013435.S2", "urn:epc:id:sgtin:950600.0013435.S1"],
             "bizStep": "urn:epcglobal:cbv:bizstep:shipping", "disposition": "urn:epcglobal:cbv:disp:in_transit",
             "eventID": "urn:uuid:00000000-0000-4000-8000-000000000000", "carechain:signedTransaction": "AAAA"}
            """);
        var links = Event("""
            {"disposition": "in_transit", "bizStep": "shipping", "action": "OBSERVE", "eventTimeZoneOffset": "+01:00",
             "epcList": ["https://example.com/01/09506000134352/21/S1?17=300630", "https://id.gs1.org/01/09506000134352/10/L1/21/S2"],
             "eventTime": "2030-01-01T09:00:00.0000Z", "type": "ObjectEvent", "recordTime": "2030-01-02T00:00:00Z"}
            """);

        Assert.Equal(EpcisEventHash.Compute(urns), EpcisEventHash.Compute(links));
    }

    [Fact]
    public void Any_change_of_content_changes_the_hash()
    {
        var e = Event("""{"type": "ObjectEvent", "eventTime": "2030-01-01T10:00:00.000Z", "eventTimeZoneOffset": "+00:00", "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:950600.0013435.S1"], "bizStep": "shipping"}""");
        var hash = EpcisEventHash.Compute(e);
        e["eventTime"] = "2030-01-01T10:00:00.001Z";

        Assert.NotEqual(hash, EpcisEventHash.Compute(e));
    }

    [Theory]
    [InlineData("2023-01-18T11:04:03.1415Z", "2023-01-18T11:04:03.142Z")]
    [InlineData("2023-01-18T11:04:03.1414Z", "2023-01-18T11:04:03.141Z")]
    [InlineData("2023-01-18T11:04:03.9999Z", "2023-01-18T11:04:04.000Z")]
    [InlineData("2023-01-18T00:30:00-01:00", "2023-01-18T01:30:00.000Z")]
    public void Timestamps_are_utc_with_milliseconds_rounded_on_the_fourth_decimal(string time, string expected)
    {
        var e = Event($$"""{"type": "ObjectEvent", "eventTime": "{{time}}"}""");

        Assert.Equal($"eventType=ObjectEventeventTime={expected}", EpcisEventHash.PreHash(e));
    }

    private static JsonObject Event(string json) => JsonNode.Parse(json)!.AsObject();
}
