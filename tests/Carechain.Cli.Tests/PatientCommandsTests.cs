using Carechain.Cli.Tests.Support;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.Anchors;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary>
/// The patient and records commands against a real dev node: a patient registers, a clinician of
/// the node's organisation anchors a record, the patient grants and revokes, an emergency member
/// breaks the glass, and the patient sees all of it with <c>patient records</c> and <c>patient access</c>.
/// </summary>
public sealed class PatientCommandsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private InProcessNode _node = null!;
    private string _passphrase = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(_dir.File("node"));
        _passphrase = Harness.Variable("patient commands");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Patient_grants_revokes_and_sees_records_grants_and_break_glass()
    {
        var (patientFile, patient) = await NewKeyAsync("patient.json");
        var (emergencyFile, emergency) = await NewKeyAsync("emergency.json");
        (await Run("patient", "register", "--key", patientFile, "--json")).AssertOk();

        using var admin = SigningKey.FromSeed(Convert.FromHexString((await File.ReadAllTextAsync(Path.Combine(_node.DataDirectory, "node.seed"))).Trim()));
        using var clinician = SigningKey.Generate();
        await AddMemberAsync(admin, clinician.PublicKey, "clinician");
        await AddMemberAsync(admin, emergency, ClinicalRoles.Emergency);
        var record = Hash256.Sha256([42]);
        var signer = await TransactionSigner.ForNodeAsync(_node.Client, clinician);
        await signer.SubmitAsync(await signer.CreateAsync(RecordsModule.ModuleName, AnchorVersionRequest.Operation,
            new AnchorVersionRequest(record, patient, "Observation", 1, Hash256.Sha256([1])).Encode()));

        var granted = await Run("patient", "grant", "--to", "org:dev", "--types", "Observation,Condition", "--days", "7", "--key", patientFile, "--json");
        granted.AssertOk();
        var grantId = granted.Json().GetProperty("grantId").GetString()!;
        (await Run("patient", "revoke", grantId, "--key", patientFile, "--json")).AssertOk();

        var glass = await Run("records", "break-glass", patient.ToString(), "--reason", "unresponsive on arrival", "--minutes", "20", "--key", emergencyFile, "--json");
        glass.AssertOk();
        Assert.True(glass.Json().GetProperty("flaggedForReview").GetBoolean());

        var records = await Run("patient", "records", "--key", patientFile, "--json");
        records.AssertOk();
        var listed = records.Json();
        Assert.Equal(record.ToString(), listed.GetProperty("records")[0].GetProperty("recordId").GetString());
        Assert.Equal("revoked", listed.GetProperty("grants")[0].GetProperty("status").GetString());

        var access = await Run("patient", "access", "--key", patientFile, "--json");
        access.AssertOk();
        var breakGlass = access.Json().GetProperty("breakGlass")[0];
        Assert.Equal(glass.Json().GetProperty("breakGlassId").GetString(), breakGlass.GetProperty("id").GetString());
        Assert.Equal("unresponsive on arrival", breakGlass.GetProperty("reasonText").GetString());

        var human = await Run("patient", "access", "--key", patientFile);
        human.AssertOk();
        Assert.Contains("flagged", human.Out, StringComparison.Ordinal);

        var (auditorFile, auditor) = await NewKeyAsync("auditor.json");
        await AddMemberAsync(admin, auditor, "auditor");
        var pending = await Run("records", "pending", "--organisation", "dev", "--key", auditorFile, "--json");
        pending.AssertOk();
        var glassId = glass.Json().GetProperty("breakGlassId").GetString()!;
        Assert.Equal(glassId, pending.Json().GetProperty("breakGlass")[0].GetProperty("id").GetString());
        (await Run("records", "review", glassId, "--outcome", "justified", "--key", auditorFile)).AssertOk();
        var reviewed = await Run("patient", "access", "--key", patientFile, "--json");
        Assert.Equal("justified", reviewed.Json().GetProperty("breakGlass")[0].GetProperty("reviewOutcome").GetString());
    }

    [Fact]
    public async Task Auth_token_prints_a_bearer_token_the_node_accepts()
    {
        var (patientFile, patient) = await NewKeyAsync("patient.json");
        (await Run("patient", "register", "--key", patientFile)).AssertOk();

        var printed = await Run("auth", "token", "--key", patientFile);
        printed.AssertOk();
        var token = printed.Out.Trim();
        Assert.StartsWith("cc1.", token, StringComparison.Ordinal);
        Assert.Empty((await _node.Client.GetPatientRecordsAsync(patient, token)).Records);
    }

    [Fact]
    public async Task Bad_input_is_a_one_line_usage_error()
    {
        var (patientFile, _) = await NewKeyAsync("patient.json");
        (await Run("patient", "grant", "--to", "not an org!", "--types", "Observation", "--key", patientFile)).AssertError(ExitCodes.Usage);
        (await Run("patient", "grant", "--to", "org:dev", "--key", patientFile)).AssertError(ExitCodes.Usage);
        (await Run("patient", "revoke", "xyz", "--key", patientFile)).AssertError(ExitCodes.Usage);
        (await Run("records", "break-glass", "zz", "--reason", "x", "--minutes", "5", "--key", patientFile)).AssertError(ExitCodes.Usage);
        (await Run("records", "break-glass", new string('a', 64), "--reason", "x", "--minutes", "9999", "--key", patientFile)).AssertError(ExitCodes.Usage);
    }

    [Fact]
    public async Task A_grant_by_an_unregistered_key_fails_with_the_module_code()
    {
        var (keyFile, _) = await NewKeyAsync("nobody.json");
        var failed = await Run("patient", "grant", "--to", "org:dev", "--types", "Observation", "--key", keyFile);
        Assert.Contains("not_patient", failed.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
    }

    private Task<CliResult> Run(params string[] args) => Harness.RunAsync([.. args, "--node", _node.Url, "--passphrase-env", _passphrase]);

    private async Task<(string File, Ed25519PublicKey Key)> NewKeyAsync(string name)
    {
        var file = _dir.File(name);
        var created = await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", _passphrase, "--fast", "--json");
        created.AssertOk();
        return (file, Ed25519PublicKey.Parse(created.Json().GetProperty("publicKey").GetString()!));
    }

    private async Task AddMemberAsync(SigningKey admin, Ed25519PublicKey member, string role)
    {
        var signer = await TransactionSigner.ForNodeAsync(_node.Client, admin);
        var response = await signer.SubmitAsync(await signer.CreateAsync(
            IdentityModule.ModuleName, IdentityPayloads.AddMember, IdentityPayloads.EncodeAddMember(member, "Member", role, OrganisationId.Parse("dev"))));
        Assert.True(response.Receipt?.ErrorCode is null or "", response.Receipt?.ErrorCode);
    }
}
