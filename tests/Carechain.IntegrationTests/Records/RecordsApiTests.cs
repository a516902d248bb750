using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Modules.Identity;
using Carechain.Modules.Records;
using Carechain.Modules.Records.BreakGlass;
using Carechain.Modules.Records.Consent;
using Carechain.Modules.Records.Erasure;

namespace Carechain.IntegrationTests.Records;

public sealed class RecordsApiTests
{
    [Fact]
    public async Task Patient_view_without_a_token_is_401_with_a_code()
    {
        await using var world = await RecordsNode.StartAsync();
        var path = $"api/v1/patients/{world.Patient.PublicKey}/records";

        using var none = await world.Node.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("unauthenticated", await CodeAsync(none));

        using var forged = new HttpRequestMessage(HttpMethod.Get, path);
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "cc1.AAAA.BBBB");
        using var refused = await world.Node.Http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("token_invalid", await CodeAsync(refused));
    }

    [Fact]
    public async Task Forged_replayed_and_expired_challenges_are_refused()
    {
        await using var world = await RecordsNode.StartAsync();
        var key = world.Patient;
        using var impostor = SigningKey.Generate();

        var challenge = await world.Client.CreateChallengeAsync(key.PublicKey);
        var forged = AuthChallengeMessage.Sign(impostor, challenge.ChainId, challenge.Challenge);
        await AssertRefusedAsync(world, new AuthTokenRequest(key.PublicKey.ToString(), challenge.Challenge, forged.ToString()), "bad_challenge_signature");

        var signature = AuthChallengeMessage.Sign(key, challenge.ChainId, challenge.Challenge).ToString();
        var token = await world.Client.RequestTokenAsync(new AuthTokenRequest(key.PublicKey.ToString(), challenge.Challenge, signature));
        Assert.Equal("Bearer", token.TokenType);
        await AssertRefusedAsync(world, new AuthTokenRequest(key.PublicKey.ToString(), challenge.Challenge, signature), "challenge_unknown");

        var wrongChain = await world.Client.CreateChallengeAsync(key.PublicKey);
        var otherChain = AuthChallengeMessage.Sign(key, "another-chain", wrongChain.Challenge).ToString();
        await AssertRefusedAsync(world, new AuthTokenRequest(key.PublicKey.ToString(), wrongChain.Challenge, otherChain), "bad_challenge_signature");

        var stolen = await world.Client.CreateChallengeAsync(key.PublicKey);
        var byImpostor = AuthChallengeMessage.Sign(impostor, stolen.ChainId, stolen.Challenge).ToString();
        await AssertRefusedAsync(world, new AuthTokenRequest(impostor.PublicKey.ToString(), stolen.Challenge, byImpostor), "challenge_mismatch");

        var late = await world.Client.CreateChallengeAsync(key.PublicKey);
        world.Clock.Advance(TimeSpan.FromMinutes(3));
        var lateSignature = AuthChallengeMessage.Sign(key, late.ChainId, late.Challenge).ToString();
        await AssertRefusedAsync(world, new AuthTokenRequest(key.PublicKey.ToString(), late.Challenge, lateSignature), "challenge_expired");
    }

    [Fact]
    public async Task Tokens_are_refused_for_unregistered_keys_and_after_expiry()
    {
        await using var world = await RecordsNode.StartAsync();
        using var stranger = SigningKey.Generate();
        var refusal = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.AuthenticateAsync(stranger));
        Assert.Equal("key_not_active", refusal.Code);

        var token = await world.TokenAsync(world.Patient);
        Assert.Empty((await world.Client.GetPatientRecordsAsync(world.Patient.PublicKey, token)).Records);
        world.Clock.Advance(TimeSpan.FromMinutes(11));
        var expired = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.GetPatientRecordsAsync(world.Patient.PublicKey, token));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("token_expired", expired.Code);
    }

    [Fact]
    public async Task A_reader_outside_the_custodian_reads_only_under_a_live_grant_and_every_read_is_listed()
    {
        await using var world = await RecordsNode.StartAsync();
        var record = await world.AnchorAsync();
        var doctor = await world.RegisterAsync(IdentityRole.Member);
        var doctorToken = await world.TokenAsync(doctor);

        var denied = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.ReadRecordAsync(record, PurposeOfUse.Treatment, doctorToken));
        Assert.Equal((HttpStatusCode.Forbidden, "no_consent"), (denied.StatusCode!.Value, denied.Code));

        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();
        var grantTx = await world.RunAsync(world.Patient, GrantRequest.Operation,
            new GrantRequest(Grantee.Of(doctor.PublicKey), new ConsentScope(["Observation"], []), PurposeOfUse.Treatment, expires).Encode());
        var read = await world.Client.ReadRecordAsync(record, PurposeOfUse.Treatment, doctorToken);
        Assert.Equal(("grant", grantTx), (read.Basis, read.BasisId));
        Assert.Equal(record.ToString(), read.Record.RecordId);

        await world.RunAsync(world.Patient, RevokeRequest.Operation, new RevokeRequest(Core.Hashing.Hash256.Parse(grantTx)).Encode());
        var revoked = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.ReadRecordAsync(record, PurposeOfUse.Treatment, doctorToken));
        Assert.Equal("no_consent", revoked.Code);

        var patientToken = await world.TokenAsync(world.Patient);
        var grants = await world.Client.GetPatientGrantsAsync(world.Patient.PublicKey, patientToken);
        Assert.Equal("revoked", Assert.Single(grants.Grants).Status);
        var access = await world.Client.GetPatientAccessAsync(world.Patient.PublicKey, patientToken);
        var logged = Assert.Single(access.Events);
        Assert.Equal((doctor.PublicKey.ToString(), "grant", grantTx, read.AccessTxId), (logged.Reader, logged.Basis, logged.BasisId, logged.TxId));
    }

    [Fact]
    public async Task Patient_sees_break_glass_in_the_access_list()
    {
        await using var world = await RecordsNode.StartAsync();
        var record = await world.AnchorAsync();
        var glassTx = await world.RunAsync(world.Emergency, BreakGlassRequest.Operation,
            new BreakGlassRequest(world.Patient.PublicKey, BreakGlassReasons.Unconscious, "arrived unresponsive", 30).Encode());
        var read = await world.Client.ReadRecordAsync(record, PurposeOfUse.EmergencyTreatment, await world.TokenAsync(world.Emergency));

        var access = await world.Client.GetPatientAccessAsync(world.Patient.PublicKey, await world.TokenAsync(world.Patient));
        var glass = Assert.Single(access.BreakGlass);
        Assert.Equal((glassTx, world.Emergency.PublicKey.ToString(), "unconscious", true), (glass.Id, glass.Requester, glass.ReasonCode, glass.FlaggedForReview));
        Assert.Equal(30 * 60_000, glass.EndMs - glass.StartMs);
        var logged = Assert.Single(access.Events);
        Assert.Equal((read.AccessTxId, world.Emergency.PublicKey.ToString(), "emergency", "dev"), (logged.TxId, logged.Reader, logged.ReaderRole, logged.ReaderOrganisation));
    }

    [Fact]
    public async Task Only_the_patient_or_an_auditor_sees_the_patient_view()
    {
        await using var world = await RecordsNode.StartAsync();
        await world.AnchorAsync();
        var other = await world.RegisterAsync(IdentityRole.Patient);
        var forbidden = await Assert.ThrowsAsync<CarechainApiException>(async () =>
            await world.Client.GetPatientRecordsAsync(world.Patient.PublicKey, await world.TokenAsync(other)));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (forbidden.StatusCode!.Value, forbidden.Code));

        using var admin = SigningKey.FromSeed(Convert.FromHexString(File.ReadAllText(Path.Combine(world.Node.DataDirectory, "node.seed")).Trim()));
        var auditor = await world.AddMemberAsync(admin, "auditor");
        var records = await world.Client.GetPatientRecordsAsync(world.Patient.PublicKey, await world.TokenAsync(auditor));
        Assert.Equal("dev", Assert.Single(records.Records).Custodian);
    }

    [Fact]
    public async Task An_erased_record_answers_gone()
    {
        await using var world = await RecordsNode.StartAsync();
        var record = await world.AnchorAsync();
        await world.RunAsync(world.Patient, EraseRequest.Operation, new EraseRequest(record).Encode());
        var gone = await Assert.ThrowsAsync<CarechainApiException>(async () =>
            await world.Client.ReadRecordAsync(record, PurposeOfUse.PatientRequest, await world.TokenAsync(world.Patient)));
        Assert.Equal((HttpStatusCode.Gone, "record_erased"), (gone.StatusCode!.Value, gone.Code));
        var listed = await world.Client.GetPatientRecordsAsync(world.Patient.PublicKey, await world.TokenAsync(world.Patient));
        Assert.True(Assert.Single(listed.Records).Erased);
    }

    [Fact]
    public async Task Bad_purposes_and_ids_are_4xx()
    {
        await using var world = await RecordsNode.StartAsync();
        var token = await world.TokenAsync(world.Patient);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/records/xyz?purpose=TREAT");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var bad = await world.Node.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var purpose = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.CheckAccessAsync(Core.Hashing.Hash256.Sha256([1]), "CURIOSITY", token));
        Assert.Equal("invalid_purpose", purpose.Code);
        var unknown = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.ReadRecordAsync(Core.Hashing.Hash256.Sha256([1]), "TREAT", token));
        Assert.Equal((HttpStatusCode.NotFound, "unknown_record"), (unknown.StatusCode!.Value, unknown.Code));
    }

    [Theory]
    [InlineData("api/v1/auth/challenge", "{not json", "malformed_request")]
    [InlineData("api/v1/auth/challenge", "{\"publicKey\":\"abc\"}", "malformed_request")]
    [InlineData("api/v1/auth/token", "{\"publicKey\":\"abc\",\"challenge\":\"x\",\"signature\":\"00\"}", "malformed_request")]
    [InlineData("api/v1/auth/token", "null", "malformed_request")]
    public async Task Malformed_sign_in_requests_are_400(string path, string body, string code)
    {
        await using var world = await RecordsNode.StartAsync();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await world.Node.Http.PostAsync(path, content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await CodeAsync(response));
    }

    [Fact]
    public async Task A_token_from_another_node_is_refused()
    {
        await using var world = await RecordsNode.StartAsync();
        await using var other = await RecordsNode.StartAsync();
        var foreign = await other.TokenAsync(other.Patient);
        var refused = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.GetPatientRecordsAsync(other.Patient.PublicKey, foreign));
        Assert.Equal("token_invalid", refused.Code);
    }

    private static async Task AssertRefusedAsync(RecordsNode world, AuthTokenRequest request, string code)
    {
        var refusal = await Assert.ThrowsAsync<CarechainApiException>(() => world.Client.RequestTokenAsync(request));
        Assert.Equal((HttpStatusCode.Unauthorized, code), (refusal.StatusCode!.Value, refusal.Code));
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>())?["code"]?.ToString();
}
