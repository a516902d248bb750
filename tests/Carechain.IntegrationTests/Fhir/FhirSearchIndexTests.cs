using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.IntegrationTests.Records;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;
using static Carechain.IntegrationTests.Fhir.FhirCalls;

namespace Carechain.IntegrationTests.Fhir;

/// <summary>Search reads its candidates from the node's record-heads index: same answers as a scan of every head, before and after a restart.</summary>
public sealed class FhirSearchIndexTests
{
    [Fact]
    public async Task Indexed_search_answers_a_mixed_data_set_by_type_patient_and_caller_and_keeps_answering_after_restart()
    {
        await using var world = await RecordsNode.StartAsync();
        var clinician = await world.TokenAsync(world.Clinician);
        var ana = world.Patient.PublicKey;
        var ben = await world.RegisterAsync(IdentityRole.Patient);
        var anaPatient = await CreateAsync(world, clinician, "Patient", Patient(ana, "Ana", "A", "1980-03-05"));
        var benPatient = await CreateAsync(world, clinician, "Patient", Patient(ben.PublicKey, "Ben", "B", "1975-01-01"));
        var anaPulse = await CreateAsync(world, clinician, "Observation", Observation(ana, "8867-4", "2024-05-01"));
        var anaErased = await CreateAsync(world, clinician, "Observation", Observation(ana, "8867-4", "2024-05-02"));
        var anaWeight = await CreateAsync(world, clinician, "Observation", Observation(ana, "29463-7", "2024-05-03", "exam"));
        var benPulse = await CreateAsync(world, clinician, "Observation", Observation(ben.PublicKey, "8867-4", "2024-05-04"));
        var anaCondition = await CreateAsync(world, clinician, "Condition", Condition(ana));
        var benCondition = await CreateAsync(world, clinician, "Condition", Condition(ben.PublicKey));
        await world.AnchorAsync(); // anchored on the chain, never sealed into this vault: never a result
        await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(Hash256.Parse(anaErased)).Encode());
        var doctor = await world.RegisterAsync(IdentityRole.Member);
        await world.RunAsync(world.Patient, GrantRequest.Operation, new GrantRequest(
            Grantee.Of(doctor.PublicKey), new ConsentScope(["Condition"], []), PurposeOfUse.Treatment,
            DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds()).Encode());

        var expected = new (SigningKey Caller, string Query, string[] Ids)[]
        {
            (world.Clinician, "Observation", [anaPulse, anaWeight, benPulse]),
            (world.Clinician, $"Observation?patient=Patient/{ana}", [anaPulse, anaWeight]),
            (world.Clinician, $"Observation?patient={ana},{ben.PublicKey}&code=8867-4", [anaPulse, benPulse]),
            (world.Clinician, "Condition", [anaCondition, benCondition]),
            (world.Clinician, $"Condition?patient={ben.PublicKey}", [benCondition]),
            (world.Clinician, "Patient", [anaPatient, benPatient]),
            (world.Clinician, "Encounter", []),
            (doctor, "Observation", []),
            (doctor, "Condition", [anaCondition]),
            (doctor, $"Condition?patient={ben.PublicKey}", []),
            (world.Patient, "Observation", [anaPulse, anaWeight]),
            (world.Patient, "Patient", [anaPatient]),
            (ben, "Condition", [benCondition]),
        };

        await AssertAnswersAsync(world, expected);
        await world.RestartAsync();
        await AssertAnswersAsync(world, expected);

        var later = await CreateAsync(world, await world.TokenAsync(world.Clinician), "Condition", Condition(ana));
        Assert.Equal(
            new[] { anaCondition, later }.Order(StringComparer.Ordinal),
            Ids(await GetAsync(world, "fhir/Condition", await world.TokenAsync(doctor))));
    }

    private static async Task AssertAnswersAsync(RecordsNode world, (SigningKey Caller, string Query, string[] Ids)[] expected)
    {
        foreach (var (caller, query, ids) in expected)
        {
            var bundle = await GetAsync(world, $"fhir/{query}", await world.TokenAsync(caller));
            Assert.True(ids.Order(StringComparer.Ordinal).SequenceEqual(Ids(bundle)), $"{query}: {string.Join(',', Ids(bundle))}");
            Assert.Equal(ids.Length, bundle.GetProperty("total").GetInt32());
        }
    }
}
