using System.Net;
using System.Text;
using System.Text.Json;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

public sealed class FhirProjectionTests
{
    [Fact]
    public async Task Consent_is_the_patients_grant_and_turns_inactive_on_revocation_and_strangers_are_refused()
    {
        await using var world = await RecordsNode.StartAsync();
        var patient = await world.TokenAsync(world.Patient);
        var key = world.Patient.PublicKey;
        var doctor = await world.RegisterAsync(IdentityRole.Member);
        var grantTx = await world.RunAsync(world.Patient, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(doctor.PublicKey), new ConsentScope(["Observation"], []), PurposeOfUse.Treatment,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());

        var consent = await GetAsync(world, $"fhir/Consent/{grantTx}", patient);
        Assert.Equal("active", consent.GetProperty("status").GetString());
        Assert.Equal($"Patient/{key}", consent.GetProperty("patient").GetProperty("reference").GetString());
        var provision = consent.GetProperty("provision");
        Assert.Equal(doctor.PublicKey.ToString(), provision.GetProperty("actor")[0].GetProperty("reference").GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal("Observation", provision.GetProperty("class")[0].GetProperty("code").GetString());
        Assert.Equal("TREAT", provision.GetProperty("purpose")[0].GetProperty("code").GetString());
        Assert.True(provision.GetProperty("period").TryGetProperty("end", out _));

        var stranger = await world.TokenAsync(doctor);
        await GetAsync(world, $"fhir/Consent/{grantTx}", stranger, HttpStatusCode.Forbidden);
        Assert.Equal(0, (await GetAsync(world, $"fhir/Consent?patient=Patient/{key}", stranger)).GetProperty("total").GetInt32());
        await GetAsync(world, $"fhir/Consent/{Hash256.Sha256([7])}", patient, HttpStatusCode.NotFound);
        await GetAsync(world, "fhir/Consent", patient, HttpStatusCode.BadRequest);

        await world.RunAsync(world.Patient, RevokeRequest.Operation, new RevokeRequest(Hash256.Parse(grantTx)).Encode());
        var found = await GetAsync(world, $"fhir/Consent?patient={key}", patient);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal("inactive", found.GetProperty("entry")[0].GetProperty("resource").GetProperty("status").GetString());

        using var created = await SendAsync(world, HttpMethod.Post, "fhir/Consent", patient, new StringContent(consent.GetRawText(), Encoding.UTF8, FhirJson));
        await ExpectAsync(created, HttpStatusCode.MethodNotAllowed);
        using var updated = await SendAsync(world, HttpMethod.Put, $"fhir/Consent/{grantTx}", patient, new StringContent(consent.GetRawText(), Encoding.UTF8, FhirJson));
        await ExpectAsync(updated, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task AuditEvents_show_reads_and_break_glass_to_the_patient_and_auditors_only()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var id = await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", "2024-05-01"));
        await GetAsync(world, $"fhir/Observation/{id}", clinician);
        var glassTx = await world.RunAsync(world.Emergency, BreakGlassRequest.Operation,
            new BreakGlassRequest(key, BreakGlassReasons.Unconscious, "arrived unresponsive", 30).Encode());

        var events = await GetAsync(world, $"fhir/AuditEvent?patient=Patient/{key}", await world.TokenAsync(world.Patient));
        Assert.Equal(2, events.GetProperty("total").GetInt32());
        var read = Resource(events, 0);
        Assert.Equal("110110", read.GetProperty("type").GetProperty("code").GetString());
        Assert.Equal(world.Clinician.PublicKey.ToString(), read.GetProperty("agent")[0].GetProperty("who").GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal($"Observation/{id}", read.GetProperty("entity")[1].GetProperty("what").GetProperty("reference").GetString());
        Assert.Equal("TREAT", read.GetProperty("purposeOfEvent")[0].GetProperty("coding")[0].GetProperty("code").GetString());
        var glass = Resource(events, 1);
        Assert.Equal(glassTx, glass.GetProperty("id").GetString());
        Assert.Equal("110127", glass.GetProperty("subtype")[0].GetProperty("code").GetString());
        Assert.DoesNotContain("unresponsive", glass.GetRawText(), StringComparison.Ordinal);

        var auditor = await world.TokenAsync(await AddMemberAsync(world, "auditor"));
        Assert.Equal(2, (await GetAsync(world, $"fhir/AuditEvent?patient={key}", auditor)).GetProperty("total").GetInt32());
        Assert.Equal(read.GetProperty("id").GetString(), (await GetAsync(world, $"fhir/AuditEvent/{read.GetProperty("id").GetString()}", auditor)).GetProperty("id").GetString());
        Assert.Equal(0, (await GetAsync(world, $"fhir/AuditEvent?patient={key}", clinician)).GetProperty("total").GetInt32());
        await GetAsync(world, $"fhir/AuditEvent/{glassTx}", clinician, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Provenance_names_each_anchored_version_for_the_patient_and_the_custodians_clinicians()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var key = world.Patient.PublicKey;
        var id = await CreateAsync(world, clinician, "Observation", Observation(key, "8867-4", "2024-05-01"));
        var record = await world.Client.ReadRecordAsync(Hash256.Parse(id), PurposeOfUse.Treatment, clinician);

        var found = await GetAsync(world, $"fhir/Provenance?patient=Patient/{key}", await world.TokenAsync(world.Patient));
        var provenance = Resource(found, 0);
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal($"Observation/{id}/_history/1", provenance.GetProperty("target")[0].GetProperty("reference").GetString());
        Assert.Equal(world.Clinician.PublicKey.ToString(), provenance.GetProperty("agent")[0].GetProperty("who").GetProperty("identifier").GetProperty("value").GetString());
        Assert.Equal("dev", provenance.GetProperty("agent")[0].GetProperty("onBehalfOf").GetProperty("identifier").GetProperty("value").GetString());
        Assert.Contains(provenance.GetProperty("extension").EnumerateArray(), e => e.GetProperty("valueString").GetString() == record.Record.CiphertextHash);
        Assert.Equal(64, provenance.GetProperty("signature")[0].GetProperty("data").GetBytesFromBase64().Length);

        var byId = await GetAsync(world, $"fhir/Provenance/{provenance.GetProperty("id").GetString()}", clinician);
        Assert.Equal(provenance.GetProperty("recorded").GetString(), byId.GetProperty("recorded").GetString());
        var stranger = await world.TokenAsync(await world.RegisterAsync(IdentityRole.Member));
        await GetAsync(world, $"fhir/Provenance/{provenance.GetProperty("id").GetString()}", stranger, HttpStatusCode.Forbidden);
        Assert.Equal(0, (await GetAsync(world, $"fhir/Provenance?patient={key}", stranger)).GetProperty("total").GetInt32());
    }

    private static JsonElement Resource(JsonElement bundle, int index) => bundle.GetProperty("entry")[index].GetProperty("resource");

    private static async Task<SigningKey> AddMemberAsync(RecordsNode world, string role)
    {
        using var admin = SigningKey.FromSeed(Convert.FromHexString(File.ReadAllText(Path.Combine(world.Node.DataDirectory, "node.seed")).Trim()));
        return await world.AddMemberAsync(admin, role);
    }
}
