using Carechain.Cli.Tests.Support;
using Carechain.Client;
using Carechain.Client.Contracts;
using Carechain.Testing;
using Carechain.Core.Crypto;

namespace Carechain.Cli.Tests;

public sealed class ProofVerifyCommandTests : IDisposable
{
    private readonly TestLedger _ledger = new(16);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_good_proof_holds_and_exits_0()
    {
        var (proof, checkpoint) = await WriteAsync(_ledger.ProofFor(3, 10), _ledger.CheckpointAt(10));

        var human = await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint);
        var json = await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint, "--json");

        human.AssertOk();
        Assert.StartsWith("proof holds: ", human.Out, StringComparison.Ordinal);
        json.AssertOk();
        Assert.True(json.Json().GetProperty("valid").GetBoolean());
        Assert.Equal(_ledger.TxIds[3].ToString(), json.Json().GetProperty("txId").GetString());
    }

    [Fact]
    public async Task A_tampered_proof_exits_1_with_one_line_reason()
    {
        var good = _ledger.ProofFor(3, 10);
        var path = good.Inclusion.Path.ToArray();
        path[0] = (path[0][0] == 'f' ? "e" : "f") + path[0][1..];
        var (proof, checkpoint) = await WriteAsync(good with { Inclusion = good.Inclusion with { Path = path } }, _ledger.CheckpointAt(10));

        var result = await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint, "--json");

        Assert.Contains("proof does not hold", result.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.False(result.Json().GetProperty("valid").GetBoolean());
        Assert.Equal(nameof(ProofFailure.InclusionMismatch), result.Json().GetProperty("failure").GetString());
    }

    [Fact]
    public async Task A_proof_file_that_is_not_json_exits_1()
    {
        var (_, checkpoint) = await WriteAsync(_ledger.ProofFor(3, 10), _ledger.CheckpointAt(10));
        var garbage = _dir.File("garbage.proof.json");
        await File.WriteAllTextAsync(garbage, "{ this is not json");

        (await Harness.RunAsync("proof", "verify", garbage, "--checkpoint", checkpoint)).AssertError(ExitCodes.Failed);
    }

    [Fact]
    public async Task A_newer_checkpoint_without_consistency_says_to_run_proof_get()
    {
        var (proof, checkpoint) = await WriteAsync(_ledger.ProofFor(3, 10), _ledger.CheckpointAt(14));

        var line = (await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint)).AssertError(ExitCodes.Failed);

        Assert.Contains("carechain proof get " + _ledger.TxIds[3], line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_checkpoint_with_consistency_holds()
    {
        var (proof, checkpoint) = await WriteAsync(_ledger.ProofFor(3, 10, bridgeTo: 14), _ledger.CheckpointAt(14));

        (await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint)).AssertOk();
    }

    [Fact]
    public async Task Trusted_keys_pin_the_checkpoint_signer()
    {
        using var stranger = SigningKey.Generate();
        var (proof, checkpoint) = await WriteAsync(_ledger.ProofFor(3, 10), _ledger.CheckpointAt(10));

        var pinnedRight = await Harness.RunAsync(
            "proof", "verify", proof, "--checkpoint", checkpoint, "--trusted-key", stranger.PublicKey.ToString(), "--trusted-key", _ledger.NodeKey.PublicKey.ToString());
        var pinnedWrong = await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint, "--trusted-key", stranger.PublicKey.ToString());
        var malformed = await Harness.RunAsync("proof", "verify", proof, "--checkpoint", checkpoint, "--trusted-key", "abc");

        pinnedRight.AssertOk();
        Assert.Contains("not a trusted key", pinnedWrong.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Contains("--trusted-key", malformed.AssertError(ExitCodes.Usage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        var (proof, _) = await WriteAsync(_ledger.ProofFor(3, 10), _ledger.CheckpointAt(10));

        (await Harness.RunAsync("proof", "verify", proof, "--checkpoint", _dir.File("absent.json"))).AssertError(ExitCodes.Usage);
    }

    public void Dispose()
    {
        _ledger.Dispose();
        _dir.Dispose();
    }

    private async Task<(string Proof, string Checkpoint)> WriteAsync(ProofFile proof, CheckpointDto checkpoint)
    {
        var proofPath = _dir.File("doc.proof.json");
        var checkpointPath = _dir.File("trusted.checkpoint.json");
        await EvidenceFiles.WriteProofAsync(proofPath, proof);
        await EvidenceFiles.WriteCheckpointAsync(checkpointPath, checkpoint);
        return (proofPath, checkpointPath);
    }
}
