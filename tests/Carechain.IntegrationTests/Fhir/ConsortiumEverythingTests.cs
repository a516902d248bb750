using System.Net;
using System.Net.Http.Headers;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Consortium;
using static Carechain.IntegrationTests.Consortium.ConsortiumCalls;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Task = System.Threading.Tasks.Task;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>
/// The issue's "done when" on a 3-member Raft network, through the Firely SDK's FhirClient: hospital A
/// and clinic B each keep a record of one patient; a clinician at A cannot read B's record until the
/// patient grants it; then <c>Patient/$everything</c> at A returns both custodians' records, after
/// revocation only A's; break-glass opens B's again and shows in the patient's access list; with B's
/// node down, A still answers its own records and an OperationOutcome naming B.
/// </summary>
public sealed class ConsortiumEverythingTests
{
    [Fact]
    public async Task Everything_gathers_records_from_every_custodian_the_patient_consented_to()
    {
        await using var cluster = new ConsortiumCluster();
        await cluster.StartAllAsync();
        var leaderIndex = await cluster.WaitForLeaderAsync();
        var leader = cluster.Clients[leaderIndex];

        // Both custodians are followers, so B can be stopped without an election.
        var (a, b) = ((leaderIndex + 1) % 3, (leaderIndex + 2) % 3);
        var (orgA, orgB) = ($"org{a + 1}", $"org{b + 1}");
        using var adminA = cluster.NodeKey(a);
        using var adminB = cluster.NodeKey(b);
        using var patient = SigningKey.Generate();
        using var clinicianA = SigningKey.Generate();
        using var clinicianB = SigningKey.Generate();
        using var emergencyA = SigningKey.Generate();
        await SubmitAsync(leader, patient, IdentityModule.ModuleName, IdentityPayloads.Register, IdentityPayloads.EncodeRegister("Pat", IdentityRole.Patient));
        await SubmitAsync(leader, adminA, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(clinicianA, "clinician", orgA));
        await SubmitAsync(leader, adminA, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(emergencyA, ClinicalRoles.Emergency, orgA));
        var added = await SubmitAsync(leader, adminB, IdentityModule.ModuleName, IdentityPayloads.AddMember, Member(clinicianB, "clinician", orgB));
        await cluster.WaitForAgreementAsync(added.Height);

        var hospital = await FhirAsync(cluster, a, clinicianA);
        var clinic = await FhirAsync(cluster, b, clinicianB);
        var observation = await hospital.CreateAsync(HeartRate(patient.PublicKey));
        var condition = await clinic.CreateAsync(Asthma(patient.PublicKey));
        Assert.NotNull(observation?.Id);
        Assert.NotNull(condition?.Id);
        await cluster.WaitForAgreementAsync();

        // Before any grant: B refuses the clinician at A, and $everything at A has only A's record.
        var clinicianAtB = await FhirAsync(cluster, b, clinicianA);
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => clinicianAtB.ReadAsync<Condition>($"Condition/{condition.Id}"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal([$"Observation/{observation.Id}"], Matches(await EverythingAsync(hospital, patient.PublicKey)));

        var grant = await SubmitAsync(leader, patient, RecordsModule.ModuleName, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(OrganisationId.Parse(orgA)), new ConsentScope(["Condition"], []), PurposeOfUse.Treatment,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());
        await cluster.WaitForAgreementAsync(grant.Height);
        Assert.Equal("Condition", (await clinicianAtB.ReadAsync<Condition>($"Condition/{condition.Id}"))!.TypeName);
        var both = await EverythingAsync(hospital, patient.PublicKey);
        Assert.Equal(Bundle.BundleType.Searchset, both.Type);
        Assert.Equal(2, both.Total);
        Assert.Equal([$"Condition/{condition.Id}", $"Observation/{observation.Id}"], Matches(both).Order(StringComparer.Ordinal));
        Assert.Contains(both.Entry, e => e.FullUrl == $"{cluster.Members[b].ApiUrl}fhir/Condition/{condition.Id}");

        // Pages of one: the custodians in organisation id order, each custodian asked only for its slice.
        var inOrder = string.CompareOrdinal(orgA, orgB) < 0
            ? new[] { $"Observation/{observation.Id}", $"Condition/{condition.Id}" }
            : [$"Condition/{condition.Id}", $"Observation/{observation.Id}"];
        var firstPage = Assert.IsType<Bundle>(await hospital.GetAsync($"Patient/{patient.PublicKey}/$everything?_count=1"));
        Assert.Equal(2, firstPage.Total);
        Assert.Equal([inOrder[0]], Matches(firstPage));
        var secondPage = Assert.IsType<Bundle>(await hospital.ContinueAsync(firstPage));
        Assert.Equal([inOrder[1]], Matches(secondPage));
        Assert.Null(secondPage.NextLink);

        var revoke = await SubmitAsync(leader, patient, RecordsModule.ModuleName, RevokeRequest.Operation, new RevokeRequest(Hash256.Parse(grant.TxId)).Encode());
        await cluster.WaitForAgreementAsync(revoke.Height);
        Assert.Equal([$"Observation/{observation.Id}"], Matches(await EverythingAsync(hospital, patient.PublicKey)));

        // Break-glass by A's emergency member opens B's record again, and the patient sees it.
        var glass = await SubmitAsync(leader, emergencyA, RecordsModule.ModuleName, BreakGlassRequest.Operation,
            new BreakGlassRequest(patient.PublicKey, BreakGlassReasons.Unconscious, "found unresponsive", 15).Encode());
        await cluster.WaitForAgreementAsync(glass.Height);
        var emergency = await FhirAsync(cluster, a, emergencyA);
        Assert.Equal(2, (await EverythingAsync(emergency, patient.PublicKey)).Total);
        await cluster.WaitForAgreementAsync();
        var access = await cluster.Clients[a].GetPatientAccessAsync(patient.PublicKey, (await cluster.Clients[a].AuthenticateAsync(patient)).Token);
        Assert.Equal(glass.TxId, Assert.Single(access.BreakGlass).Id);
        Assert.Contains(access.Events, e => e.Basis == "break-glass" && e.BasisId == glass.TxId && e.RecordId == condition.Id);
        Assert.Contains(access.Events, e => e.Basis == "grant" && e.BasisId == grant.TxId && e.RecordId == condition.Id);

        // With B's node down, A answers its own record and an OperationOutcome naming B (never a 500).
        await cluster.StopAsync(b);
        var partial = await EverythingAsync(emergency, patient.PublicKey);
        Assert.Equal([$"Observation/{observation.Id}"], Matches(partial));
        var outcome = Assert.IsType<OperationOutcome>(Assert.Single(partial.Entry, e => e.Search?.Mode == Bundle.SearchEntryMode.Outcome).Resource);
        Assert.Contains($"organisation {orgB}", outcome.Issue[0].Diagnostics, StringComparison.Ordinal);
    }

    private static async Task<Bundle> EverythingAsync(FhirClient client, Ed25519PublicKey patient) =>
        Assert.IsType<Bundle>(await client.InstanceOperationAsync(new Uri($"Patient/{patient}", UriKind.Relative), "everything", useGet: true));

    private static IEnumerable<string> Matches(Bundle bundle) =>
        bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => $"{e.Resource?.TypeName}/{e.Resource?.Id}");

    /// <summary>A Firely FhirClient for member <paramref name="i"/>'s /fhir with a bearer token that member issued to <paramref name="key"/>.</summary>
    private static async Task<FhirClient> FhirAsync(ConsortiumCluster cluster, int i, SigningKey key)
    {
        var token = (await cluster.Clients[i].AuthenticateAsync(key)).Token;
#pragma warning disable CA2000 // The FhirClient owns the HttpClient for the test's lifetime.
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
#pragma warning restore CA2000
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new FhirClient(new Uri(cluster.Members[i].ApiUrl, "fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json });
    }

    private static Observation HeartRate(Ed25519PublicKey patient) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "8867-4"),
        Subject = new ResourceReference($"Patient/{patient}"),
        Value = new Quantity(72, "/min"),
    };

    private static Condition Asthma(Ed25519PublicKey patient) => new()
    {
        Code = new CodeableConcept("http://snomed.info/sct", "195967001"),
        Subject = new ResourceReference($"Patient/{patient}"),
    };
}
