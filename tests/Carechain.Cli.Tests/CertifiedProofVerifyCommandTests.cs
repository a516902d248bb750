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
    private readonly SigningKey _fourth = SigningKey.Generate();
    private readonly TempDirectory _dir = new();

    private NodeSet GenesisNodeSet => new([_ledger.NodeKey.PublicKey, _second.PublicKey, _third.PublicKey]);

    /// <summary>After height 4: <c>_third</c> removed, <c>_fourth</c> added.</summary>
    private NodeSet RotatedNodeSet => new([_ledger.NodeKey.PublicKey, _second.PublicKey, _fourth.PublicKey]);

    [Fact]
    public async Task A_proof_against_a_quorum_certificate_holds_with_only_the_genesis_file()
    {
        var (proof, certificate, genesis) = await WriteAsync(Certificate(10, _ledger.NodeKey, _third));

        var result = await Harness.RunAsync("proof", "verify", proof, "--certificate", certificate, "--genesis", genesis, "--json");
        var alone = await Harness.RunAsync("proof", "verify", "--certificate", certificate, "--genesis", genesis);

        result.AssertOk();
        Assert.True(result.Json().GetProperty("valid").GetBoolean());
        Assert.Contains("certified by 2 node keys", result.Json().GetProperty("reason").GetString(), StringComparison.Ordinal);
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

    [Fact]
    public async Task A_certificate_signed_by_a_key_added_by_governance_holds_through_the_certified_change()
    {
        var certificate = Certificate(10, RotatedNodeSet, _second, _fourth) with { NodeSetChanges = [Change()] };
        var (proof, path, genesis) = await WriteAsync(certificate);

        var result = await Harness.RunAsync("proof", "verify", proof, "--certificate", path, "--genesis", genesis, "--json");
        var alone = await Harness.RunAsync("proof", "verify", "--certificate", path, "--genesis", genesis);

        result.AssertOk();
        Assert.True(result.Json().GetProperty("valid").GetBoolean());
        alone.AssertOk();
        Assert.Contains("through 1 certified node-set changes", alone.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_its_node_set_changes_the_same_certificate_exits_1()
    {
        var (_, path, genesis) = await WriteAsync(Certificate(10, RotatedNodeSet, _second, _fourth));

        var line = (await Harness.RunAsync("proof", "verify", "--certificate", path, "--genesis", genesis)).AssertError(ExitCodes.Failed);

        Assert.Contains("is not a node key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_key_cannot_certify_after_its_removal()
    {
        var (_, path, genesis) = await WriteAsync(Certificate(10, RotatedNodeSet, _second, _third) with { NodeSetChanges = [Change()] });

        var line = (await Harness.RunAsync("proof", "verify", "--certificate", path, "--genesis", genesis)).AssertError(ExitCodes.Failed);

        Assert.Contains($"signer {_third.PublicKey} is not a node key", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_node_set_change_exits_1()
    {
        using var stranger = SigningKey.Generate();
        var selfMade = Change() with { Certificate = Certificate(4, 6, RotatedNodeSet, _fourth, stranger) };
        var swapped = Change() with { NodeKeys = [_fourth.PublicKey.ToString(), stranger.PublicKey.ToString()] };
        var (_, forged, genesis) = await WriteAsync(Certificate(10, RotatedNodeSet, _second, _fourth) with { NodeSetChanges = [selfMade] });
        var (_, renamed, _) = await WriteAsync(Certificate(10, RotatedNodeSet, _second, _fourth) with { NodeSetChanges = [swapped] }, "renamed");

        var forgedResult = await Harness.RunAsync("proof", "verify", "--certificate", forged, "--genesis", genesis, "--json");
        var renamedLine = (await Harness.RunAsync("proof", "verify", "--certificate", renamed, "--genesis", genesis)).AssertError(ExitCodes.Failed);

        Assert.Contains("node-set change at height 4 does not hold", forgedResult.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Equal(nameof(ProofFailure.CertificateRefused), forgedResult.Json().GetProperty("failure").GetString());
        Assert.Contains("is not the set its certificate states", renamedLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quorum_of_a_node_set_that_never_existed_exits_1()
    {
        using var stranger = SigningKey.Generate();
        using var accomplice = SigningKey.Generate();
        var invented = new NodeSet([stranger.PublicKey, accomplice.PublicKey]);
        var (_, path, genesis) = await WriteAsync(Certificate(10, invented, stranger, accomplice) with { NodeSetChanges = [Change()] });

        var line = (await Harness.RunAsync("proof", "verify", "--certificate", path, "--genesis", genesis)).AssertError(ExitCodes.Failed);

        Assert.Contains("is not a node key", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ledger.Dispose();
        _second.Dispose();
        _third.Dispose();
        _fourth.Dispose();
        _dir.Dispose();
    }

    /// <summary>A certificate of the test ledger's log at <paramref name="logSize"/>, signed by <paramref name="signers"/>.</summary>
    private CheckpointCertificateDto Certificate(long logSize, params SigningKey[] signers) => Certificate(7, logSize, GenesisNodeSet, signers);

    private CheckpointCertificateDto Certificate(long logSize, NodeSet next, params SigningKey[] signers) => Certificate(7, logSize, next, signers);

    private CheckpointCertificateDto Certificate(long height, long logSize, NodeSet next, params SigningKey[] signers)
    {
        var checkpoint = _ledger.CheckpointAt(logSize);
        var statement = new CheckpointStatement(
            TestLedger.ChainId, height, Hash256.Parse(checkpoint.HeaderHash), DomainHash.Of(DomainTag.StateCommitment, "state"u8), Hash256.Parse(checkpoint.LogRoot), logSize, next.Hash);
        return ContractMapping.ToDto(new CheckpointCertificate(
            statement, [.. signers.Select(k => CheckpointAttestation.Sign(statement, k)).Select(a => new CheckpointSignature(a.Signer, a.Signature))]));
    }

    /// <summary>The change at height 4, certified by a genesis quorum: <c>_third</c> out, <c>_fourth</c> in.</summary>
    private NodeSetChangeDto Change() =>
        new([.. RotatedNodeSet.Keys.Select(k => k.ToString())], Certificate(4, 6, RotatedNodeSet, _ledger.NodeKey, _second));

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
