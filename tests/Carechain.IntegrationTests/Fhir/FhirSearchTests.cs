using System.Net;
using System.Text;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

public sealed class FhirSearchTests
{
    [Fact]
    public async Task Patient_and_Observation_are_found_by_token_string_date_and_reference()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        await CreateAsync(world, clinician, "Patient", Patient(key, "Núñez", "Ana", "1980-03-05"));
        var pulse = await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", "2024-05-01T10:00:00Z"));
        var weight = await CreateAsync(world, clinician, "Observation", Observation(key, "29463-7", "2023-01-15", "exam"));

        Assert.Equal([key.ToString()], Ids(await GetAsync(world, "fhir/Patient?name=nunez", clinician)));
        Assert.Equal([key.ToString()], Ids(await GetAsync(world, $"fhir/Patient?identifier=urn:carechain:key|{key}", clinician)));
        Assert.Equal([key.ToString()], Ids(await GetAsync(world, "fhir/Patient?birthdate=1980-03", clinician)));
        Assert.Empty(Ids(await GetAsync(world, "fhir/Patient?birthdate=lt1970", clinician)));
        Assert.Empty(Ids(await GetAsync(world, "fhir/Patient?name=smith", clinician)));

        var byPatient = await GetAsync(world, $"fhir/Observation?patient=Patient/{key}", clinician);
        Assert.Equal("searchset", byPatient.GetProperty("type").GetString());
        Assert.Equal(2, byPatient.GetProperty("total").GetInt32());
        Assert.Equal([pulse], Ids(await GetAsync(world, $"fhir/Observation?patient={key}&code=http://loinc.org|8867-4", clinician)));
        Assert.Equal([weight], Ids(await GetAsync(world, "fhir/Observation?date=lt2024-01-01", clinician)));
        Assert.Equal([pulse], Ids(await GetAsync(world, "fhir/Observation?date=ge2024-05&category=vital-signs", clinician)));
        Assert.Equal(2, Ids(await GetAsync(world, "fhir/Observation?code=8867-4,29463-7", clinician)).Count);
        Assert.Empty(Ids(await GetAsync(world, $"fhir/Observation?patient=Patient/{Hash256.Sha256([1])}", clinician)));

        using var form = await SendAsync(world, HttpMethod.Post, "fhir/Observation/_search", clinician,
            new FormUrlEncodedContent([KeyValuePair.Create("code", "29463-7"), KeyValuePair.Create("patient", $"Patient/{key}")]));
        Assert.Equal([weight], Ids(await ExpectAsync(form, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Pages_follow_next_and_previous_links_and_each_served_entry_is_logged_once()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateAsync(world, clinician, "Observation", Observation(world.Patient.PublicKey, "8867-4", $"2024-05-0{i + 1}")));
        }

        var first = await GetAsync(world, "fhir/Observation?code=8867-4&_count=2", clinician);
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Null(Link(first, "previous"));
        var second = await GetAsync(world, Link(first, "next")!, clinician);
        var third = await GetAsync(world, Link(second, "next")!, clinician);
        Assert.Null(Link(third, "next"));
        Assert.Equal("fhir/Observation?code=8867-4&_count=2&_offset=2", Link(second, "self"));
        Assert.Equal("fhir/Observation?code=8867-4&_count=2&_offset=0", Link(second, "previous"));
        var seen = Ids(first).Concat(Ids(second)).Concat(Ids(third)).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen);

        var access = await world.Client.GetPatientAccessAsync(world.Patient.PublicKey, await world.TokenAsync(world.Patient));
        Assert.Equal(seen.Order(StringComparer.Ordinal), access.Events.Select(e => e.RecordId).Order(StringComparer.Ordinal));
        Assert.All(access.Events, e => Assert.Equal(world.Clinician.PublicKey.ToString(), e.Reader));
        Assert.Equal(3, access.Events.Select(e => e.TxId).Distinct().Count()); // one access batch per page

        var audit = await GetAsync(world, $"fhir/AuditEvent?patient={world.Patient.PublicKey}", await world.TokenAsync(world.Patient));
        Assert.Equal(3, audit.GetProperty("total").GetInt32());
        var pageRead = audit.GetProperty("entry")[0].GetProperty("resource");
        Assert.Equal("search-type", pageRead.GetProperty("subtype")[0].GetProperty("code").GetString());
        Assert.Equal(
            Ids(first).Select(id => $"Observation/{id}"),
            pageRead.GetProperty("entity").EnumerateArray().Skip(1).Select(e => e.GetProperty("what").GetProperty("reference").GetString()));

        await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(Hash256.Parse(ids[0])).Encode());
        var afterErasure = await GetAsync(world, "fhir/Observation?code=8867-4", clinician);
        Assert.Equal(4, afterErasure.GetProperty("total").GetInt32());
        Assert.DoesNotContain(ids[0], Ids(afterErasure));
    }

    [Fact]
    public async Task A_grantee_finds_only_granted_records_a_stranger_an_empty_bundle_and_nothing_after_revocation()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var granted = await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", "2024-05-01"));
        await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", "2024-05-02"));
        await CreateAsync(world, clinician, "Condition", Condition(key));
        var doctor = await world.RegisterAsync(IdentityRole.Member);
        var doctorToken = await world.TokenAsync(doctor);

        var before = await GetAsync(world, $"fhir/Observation?patient={key}", doctorToken);
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        Assert.Empty(Ids(before));

        var grantTx = await world.RunAsync(world.Patient, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(doctor.PublicKey), new ConsentScope([], [Hash256.Parse(granted)]), PurposeOfUse.Treatment,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        var found = await GetAsync(world, $"fhir/Observation?patient={key}", doctorToken);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal([granted], Ids(found));
        Assert.Equal(0, (await GetAsync(world, $"fhir/Condition?patient={key}", doctorToken)).GetProperty("total").GetInt32());

        var stranger = await world.TokenAsync(await world.RegisterAsync(IdentityRole.Patient));
        var none = await GetAsync(world, "fhir/Observation", stranger);
        Assert.Equal(0, none.GetProperty("total").GetInt32());
        Assert.Empty(Ids(none));

        await world.RunAsync(world.Patient, RevokeRequest.Operation, new RevokeRequest(Hash256.Parse(grantTx)).Encode());
        Assert.Empty(Ids(await GetAsync(world, $"fhir/Observation?patient={key}", doctorToken)));

        var access = await world.Client.GetPatientAccessAsync(key, await world.TokenAsync(world.Patient));
        var byDoctor = Assert.Single(access.Events, e => e.Reader == doctor.PublicKey.ToString());
        Assert.Equal((granted, grantTx), (byDoctor.RecordId, byDoctor.BasisId));
    }

    [Fact]
    public async Task A_refused_parameter_is_400_naming_it_without_its_value()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Clinician);
        (string Path, string Parameter)[] refused =
        [
            ("fhir/Observation?code:below=SECRET-42", "code"),
            ("fhir/Patient?gender=SECRET-42", "gender"),
            ("fhir/Patient?birthdate=SECRET-42", "birthdate"),
            ("fhir/Observation?patient=Group/SECRET-42", "patient"),
            ("fhir/Observation?_count=SECRET-42", "_count"),
            ("fhir/Consent?patient=SECRET-42&_offset=SECRET", "_offset"),
        ];
        foreach (var (path, parameter) in refused)
        {
            using var response = await SendAsync(world, HttpMethod.Get, path, token);
            var text = await response.Content.ReadAsStringAsync();
            var outcome = await ExpectAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("OperationOutcome", outcome.GetProperty("resourceType").GetString());
            Assert.Contains(outcome.GetProperty("issue").EnumerateArray(), i => i.GetProperty("diagnostics").GetString()!.Contains(parameter, StringComparison.Ordinal));
            Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_needs_a_token_and_a_served_type()
    {
        await using var world = await RecordsNode.StartAsync();
        using var anonymous = await world.Node.Http.GetAsync("fhir/Observation?code=8867-4");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await GetAsync(world, "fhir/Claim?patient=x", await world.TokenAsync(world.Clinician), HttpStatusCode.NotFound);
        using var notAForm = await SendAsync(world, HttpMethod.Post, "fhir/Observation/_search", await world.TokenAsync(world.Clinician),
            new StringContent("{}", Encoding.UTF8, FhirJson));
        await ExpectAsync(notAForm, HttpStatusCode.BadRequest);
    }
}
