using Carechain.Cli.Tests.Support;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Identity;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary>
/// <c>carechain fhir import</c> against a real dev node: the Synthea-style sample under samples/fhir
/// (a transaction Bundle whose Patient has no carechain key, with Organization, Practitioner and Claim
/// entries the node does not store) becomes the patient's records.
/// </summary>
public sealed class FhirImportCommandTests : IAsyncLifetime
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "synthea-patient.json");
    private readonly TempDirectory _dir = new();
    private InProcessNode _node = null!;
    private string _passphrase = null!;
    private string _clinicianFile = null!;
    private SigningKey _patient = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(_dir.File("node"));
        _passphrase = Harness.Variable("fhir import");
        _clinicianFile = _dir.File("clinician.json");
        var created = await Harness.RunAsync("keys", "new", "--out", _clinicianFile, "--passphrase-env", _passphrase, "--fast", "--json");
        created.AssertOk();
        var clinician = Ed25519PublicKey.Parse(created.Json().GetProperty("publicKey").GetString()!);
        using var admin = SigningKey.FromSeed(Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(_node.DataDirectory, "node.seed"))).Trim()));
        var adminSigner = await TransactionSigner.ForNodeAsync(_node.Client, admin);
        await adminSigner.SubmitAsync(await adminSigner.CreateAsync(
            IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(clinician, "Member", "clinician", OrganisationId.Parse("dev"))));
        _patient = SigningKey.Generate();
        var patientSigner = await TransactionSigner.ForNodeAsync(_node.Client, _patient);
        await patientSigner.SubmitAsync(await patientSigner.CreateRegisterAsync("Patient", IdentityRole.Patient));
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _patient.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_synthea_style_bundle_becomes_the_patients_records_and_skipped_types_are_counted()
    {
        var imported = await Run("fhir", "import", Sample, "--patient", _patient.PublicKey.ToString(), "--key", _clinicianFile, "--json");
        imported.AssertOk();
        var summary = imported.Json();
        Assert.True(summary.GetProperty("patientCreated").GetBoolean());
        Assert.Equal(8, summary.GetProperty("created").GetInt32());
        Assert.Equal(0, summary.GetProperty("failed").GetInt32());
        Assert.Equal(4, summary.GetProperty("referencesDropped").GetInt32());
        var skipped = summary.GetProperty("skipped");
        Assert.Equal(1, skipped.GetProperty("Claim").GetInt32());
        Assert.Equal(1, skipped.GetProperty("Organization").GetInt32());
        Assert.Equal(1, skipped.GetProperty("Practitioner").GetInt32());

        var token = (await _node.Client.AuthenticateAsync(_patient)).Token;
        var records = await _node.Client.GetPatientRecordsAsync(_patient.PublicKey, token);
        Assert.Equal(9, records.Records.Count);
        Assert.Contains(records.Records, r => r.ResourceType == "Patient" && r.RecordId == _patient.PublicKey.ToString());

        // A second import keeps the existing Patient record and finds every clinical resource by its identifier: nothing twice.
        var again = await Run("fhir", "import", Sample, "--patient", _patient.PublicKey.ToString(), "--key", _clinicianFile, "--json");
        again.AssertOk();
        var second = again.Json();
        Assert.False(second.GetProperty("patientCreated").GetBoolean());
        Assert.Equal(0, second.GetProperty("created").GetInt32());
        Assert.Equal(8, second.GetProperty("existing").GetInt32());
        Assert.Equal(9, (await _node.Client.GetPatientRecordsAsync(_patient.PublicKey, token)).Records.Count);

        var third = await Run("fhir", "import", Sample, "--patient", _patient.PublicKey.ToString(), "--key", _clinicianFile);
        third.AssertOk();
        Assert.Contains("kept", third.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex", third.Out + third.Err, StringComparison.Ordinal);
        Assert.Equal(9, (await _node.Client.GetPatientRecordsAsync(_patient.PublicKey, token)).Records.Count);
    }

    [Fact]
    public async Task Import_refuses_bad_input_with_one_line_and_writes_nothing()
    {
        var before = (await _node.Client.GetHeadAsync()).Height;
        (await Run("fhir", "import", Sample, "--key", _clinicianFile)).AssertError(ExitCodes.Usage);
        (await Run("fhir", "import", _dir.File("missing.json"), "--patient", _patient.PublicKey.ToString(), "--key", _clinicianFile)).AssertError(ExitCodes.Usage);
        var notABundle = _dir.File("observation.json");
        await File.WriteAllTextAsync(notABundle, """{"resourceType":"Observation"}""");
        (await Run("fhir", "import", notABundle, "--patient", _patient.PublicKey.ToString(), "--key", _clinicianFile)).AssertError(ExitCodes.Usage);
        (await Run("fhir", "import", Sample, "--patient", "xyz", "--key", _clinicianFile)).AssertError(ExitCodes.Usage);

        var unregistered = SigningKey.Generate().PublicKey.ToString();
        var refused = await Run("fhir", "import", Sample, "--patient", unregistered, "--key", _clinicianFile);
        Assert.Contains("not a registered patient", refused.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Equal(before, (await _node.Client.GetHeadAsync()).Height);
    }

    private Task<CliResult> Run(params string[] args) => Harness.RunAsync([.. args, "--node", _node.Url, "--passphrase-env", _passphrase]);
}
