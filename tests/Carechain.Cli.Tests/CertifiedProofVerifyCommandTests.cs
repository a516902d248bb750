using Carechain.Cli.Tests.Support;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Checkpoints;
using Carechain.Ledger.Genesis;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary><c>carechain proof verify --certificate --genesis</c>: trust rests on the genesis node keys and their quorum alone.</summary>
public sealed class CertifiedProofVerifyCommandTests : IDisposable
{
    private readonly TestLedger _ledger = new(16);
    private readonly SigningKey _second = SigningKey.Generate();
    private readonly SigningKey _third = SigningKey.Generate();
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_proof_against_a_quorum_certificate_holds_with_only_the_genesis_file()
    {
        var (proof, certificate, genesis) = await WriteAsync(Certificate(10, _ledger.NodeKey, _third));

        var result = await Harness.RunAsync("proof", "verify", proof, "--certificate", certificate, "--genesis", genesis, "--json");
        var alone = await Harness.RunAsync("proof", "verify", "--certificate", certificate, "--genesis", genesis);

        result.AssertOk();
        Assert.True(result.Json().GetProperty("valid").GetBoolean());
        Assert.Contains("certified by 2 of 3 genesis node keys", result.Json().GetProperty("reason").GetString(), StringComparison.Ordinal);
        alone.AssertOk();
        Assert.Contains("the certificate holds", alone.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_or_below_quorum_certificate_exits_1()
    {
        var good = Certificate(10, _ledger.NodeKey, _third);
        var (proof, tampered, genesis) = await WriteAsync(good with { StateCommitment = good.HeaderHash });
        var (_, lonely, _) = await WriteAsync(Certificate(10, _second), "lonely");

        var tamperedResult = await Harness.RunAsync("proof", "verify", proof, "--certificate", tampered, "--genesis", genesis, "--json");
        var lonelyResult = await Harness.RunAsync("proof", "verify", proof, "--certificate", lonely, "--genesis", genesis);

        Assert.Contains("proof does not hold", tamperedResult.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Equal(nameof(ProofFailure.CertificateRefused), tamperedResult.Json().GetProperty("failure").GetString());
        Assert.Contains("quorum is 2", lonelyResult.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_of_another_log_does_not_vouch_for_the_proof()
    {
        var (proof, certificate, genesis) = await WriteAsync(Certificate(12, _ledger.NodeKey, _second));

        var line = (await Harness.RunAsync("proof", "verify", proof, "--certificate", certificate, "--genesis", genesis)).AssertError(ExitCodes.Failed);

        Assert.Contains("no consistency proof", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_without_a_genesis_or_with_a_checkpoint_is_a_usage_error()
    {
        var (proof, certificate, genesis) = await WriteAsync(Certificate(10, _ledger.NodeKey, _third));
        var checkpoint = _dir.File("trusted.checkpoint.json");
        await EvidenceFiles.WriteCheckpointAsync(checkpoint, _ledger.CheckpointAt(10));

        (await Harness.RunAsync("proof", "verify", proof, "--certificate", certificate)).AssertError(ExitCodes.Usage);
        (await Harness.RunAsync("proof", "verify", proof, "--certificate", certificate, "--genesis", genesis, "--checkpoint", checkpoint)).AssertError(ExitCodes.Usage);
        (await Harness.RunAsync("proof", "verify", proof, "--certificate", certificate, "--genesis", _dir.File("absent.json"))).AssertError(ExitCodes.Usage);
    }

    public void Dispose()
    {
        _ledger.Dispose();
        _second.Dispose();
        _third.Dispose();
        _dir.Dispose();
    }

    /// <summary>A certificate of the test ledger's log at <paramref name="logSize"/>, signed by <paramref name="signers"/>.</summary>
    private CheckpointCertificateDto Certificate(long logSize, params SigningKey[] signers)
    {
        var checkpoint = _ledger.CheckpointAt(logSize);
        var statement = new CheckpointStatement(
            TestLedger.ChainId, 7, Hash256.Parse(checkpoint.HeaderHash), DomainHash.Of(DomainTag.StateCommitment, "state"u8), Hash256.Parse(checkpoint.LogRoot), logSize);
        return ContractMapping.ToDto(new CheckpointCertificate(
            statement, [.. signers.Select(k => CheckpointAttestation.Sign(statement, k)).Select(a => new CheckpointSignature(a.Signer, a.Signature))]));
    }

    private async Task<(string Proof, string Certificate, string Genesis)> WriteAsync(CheckpointCertificateDto certificate, string name = "doc")
    {
        var proofPath = _dir.File($"{name}.proof.json");
        var certificatePath = _dir.File($"{name}.certificate.json");
        var genesisPath = _dir.File("genesis.json");
        await EvidenceFiles.WriteProofAsync(proofPath, _ledger.ProofFor(3, 10));
        await EvidenceFiles.WriteCertificateAsync(certificatePath, certificate);
        var organisations = new[] { _ledger.NodeKey, _second, _third }.Select((k, i) => new Organisation(
            OrganisationId.Parse($"org{i + 1}"), $"Org {i + 1}", OrganisationKind.Hospital, [k.PublicKey], [k.PublicKey]));
        await File.WriteAllTextAsync(genesisPath, GenesisFile.Write(new GenesisDocument(TestLedger.ChainId, 1_767_225_600_000, [.. organisations], new GovernancePolicy(2, 1000))));
        return (proofPath, certificatePath, genesisPath);
    }
}
