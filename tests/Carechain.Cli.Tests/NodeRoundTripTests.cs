using Carechain.Testing;
using System.Text;
using System.Text.Json;
using Carechain.Cli.Tests.Support;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Core.Hashing;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Notary;

namespace Carechain.Cli.Tests;

/// <summary>
/// The node-facing commands against the real dev node (<see cref="InProcessNode"/>), each test on a
/// fresh chain: what they send, what they save, and that what they save verifies.
/// </summary>
public sealed class NodeRoundTripTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private InProcessNode _node = null!;
    private string _key = null!;
    private string _passphrase = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(_dir.File("node"));
        _key = _dir.File("key.json");
        _passphrase = Harness.Variable("node round trip");
        (await Harness.RunAsync("keys", "new", "--out", _key, "--passphrase-env", _passphrase, "--fast")).AssertOk();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Anchoring_a_file_saves_a_proof_that_verifies_offline_against_the_node_key()
    {
        var document = _dir.File("scan 01.pdf");
        await File.WriteAllTextAsync(document, "a scanned referral letter");
        var documentHash = Hash256.Sha256(await File.ReadAllBytesAsync(document));

        var anchored = await Anchor(document, "--media-type", "application/pdf", "--json");

        anchored.AssertOk();
        var output = anchored.Json();
        Assert.Equal(document + ".proof.json", output.GetProperty("proofFile").GetString());
        Assert.Equal(document + ".checkpoint.json", output.GetProperty("checkpointFile").GetString());
        Assert.Equal(documentHash.ToString(), output.GetProperty("documentHash").GetString());
        Assert.Equal(1, output.GetProperty("height").GetInt64());
        var proof = await EvidenceFiles.ReadProofAsync(document + ".proof.json");
        Assert.Equal(output.GetProperty("txId").GetString(), proof.Inclusion.TxId);
        var checkpoint = await EvidenceFiles.ReadCheckpointAsync(document + ".checkpoint.json");
        Assert.Equal(_node.ChainId, checkpoint.ChainId);
        Assert.Equal(_node.NodeKey, checkpoint.Signer);
        Assert.True(checkpoint.Height >= 1);
        var anchor = await _node.Client.GetAnchorAsync(documentHash);
        Assert.Equal(output.GetProperty("txId").GetString(), anchor.TxId);
        Assert.Equal("application/pdf", anchor.MediaType);
        (await Harness.RunAsync("proof", "verify", document + ".proof.json", "--checkpoint", document + ".checkpoint.json", "--trusted-key", _node.NodeKey))
            .AssertOk();
    }

    [Fact]
    public async Task Anchoring_a_file_without_a_label_puts_an_empty_label_on_the_chain_not_the_file_name()
    {
        var document = _dir.File("Jane Doe discharge letter.pdf");
        await File.WriteAllTextAsync(document, "discharge letter");
        var documentHash = Hash256.Sha256(await File.ReadAllBytesAsync(document));

        var anchored = await Anchor(document, "--json");

        anchored.AssertOk();
        Assert.Equal(string.Empty, anchored.Json().GetProperty("label").GetString());
        var anchor = await _node.Client.GetAnchorAsync(documentHash);
        Assert.Equal(string.Empty, anchor.Label);
        Assert.True(TxId.TryParse(anchored.Json().GetProperty("txId").GetString(), out var txId));
        var tx = await _node.Client.GetTransactionAsync(txId);
        Assert.Equal(string.Empty, AnchorRequest.Decode(Convert.FromBase64String(tx.Payload)).Label);
        Assert.DoesNotContain("Jane", Encoding.UTF8.GetString(Convert.FromBase64String(tx.Payload)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anchoring_a_hash_writes_hash_named_files_where_asked_with_the_given_label()
    {
        var hash = Hash256.Sha256([1, 2, 3]);
        var proofPath = _dir.File("custom.proof.json");

        var anchored = await Anchor("--hash", hash.ToString(), "--proof-out", proofPath, "--label", "lab result");

        anchored.AssertOk();
        Assert.Contains(proofPath, anchored.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(_dir.File("custom.checkpoint.json")));
        Assert.Equal("lab result", (await _node.Client.GetAnchorAsync(hash)).Label);
        (await Harness.RunAsync("proof", "verify", proofPath, "--checkpoint", _dir.File("custom.checkpoint.json"), "--trusted-key", _node.NodeKey)).AssertOk();
    }

    [Fact]
    public async Task A_second_anchor_of_the_same_document_fails_and_names_the_first_transaction()
    {
        var hash = Hash256.Sha256([9]).ToString();
        var first = await Anchor("--hash", hash, "--proof-out", _dir.File("first.proof.json"), "--json");

        var second = await Anchor("--hash", hash, "--proof-out", _dir.File("second.proof.json"), "--json");

        first.AssertOk();
        var line = second.AssertError(ExitCodes.Failed);
        Assert.Contains(first.Json().GetProperty("txId").GetString()!, line, StringComparison.Ordinal);
        Assert.Contains("carechain proof get", line, StringComparison.Ordinal);
        Assert.Equal(NotaryErrors.AlreadyAnchored, second.Json().GetProperty("code").GetString());
        Assert.False(File.Exists(_dir.File("second.proof.json")));
    }

    [Fact]
    public async Task An_old_proof_is_refreshed_with_proof_get_or_bridged_with_proof_extend()
    {
        var proofPath = _dir.File("old.proof.json");
        var old = await Anchor("--hash", Hash256.Sha256([4]).ToString(), "--proof-out", proofPath, "--json");
        var txId = old.Json().GetProperty("txId").GetString()!;
        (await Anchor("--hash", Hash256.Sha256([5]).ToString(), "--proof-out", _dir.File("later.proof.json"))).AssertOk();
        var newer = _dir.File("newer.checkpoint.json");
        var taken = await Harness.RunAsync("checkpoint", "--node", _node.Url, "--out", newer, "--json");

        var stale = await Harness.RunAsync("proof", "verify", proofPath, "--checkpoint", newer);
        var extended = await Harness.RunAsync(
            "proof", "extend", proofPath, "--node", _node.Url, "--checkpoint", newer, "--out", _dir.File("bridged.proof.json"), "--json");
        var refreshed = await Harness.RunAsync("proof", "get", txId, "--node", _node.Url, "--checkpoint", newer, "--out", _dir.File("fresh.proof.json"), "--json");

        taken.AssertOk();
        Assert.True(taken.Json().GetProperty("logSize").GetInt64() > old.Json().GetProperty("logSize").GetInt64());
        Assert.Equal(_node.NodeKey, taken.Json().GetProperty("signer").GetString());
        Assert.Contains("carechain proof get " + txId, stale.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        extended.AssertOk();
        Assert.Equal(taken.Json().GetProperty("logSize").GetInt64(), extended.Json().GetProperty("consistencyTo").GetInt64());
        Assert.Equal(old.Json().GetProperty("logSize").GetInt64(), extended.Json().GetProperty("treeSize").GetInt64());
        refreshed.AssertOk();
        Assert.Equal(taken.Json().GetProperty("logSize").GetInt64(), refreshed.Json().GetProperty("treeSize").GetInt64());
        (await Harness.RunAsync("proof", "verify", _dir.File("bridged.proof.json"), "--checkpoint", newer, "--trusted-key", _node.NodeKey)).AssertOk();
        (await Harness.RunAsync("proof", "verify", _dir.File("fresh.proof.json"), "--checkpoint", newer, "--trusted-key", _node.NodeKey)).AssertOk();
    }

    [Fact]
    public async Task Proof_extend_without_a_newer_checkpoint_keeps_the_proof_as_it_is()
    {
        var proofPath = _dir.File("same.proof.json");
        (await Anchor("--hash", Hash256.Sha256([7]).ToString(), "--proof-out", proofPath)).AssertOk();

        var extended = await Harness.RunAsync(
            "proof", "extend", proofPath, "--node", _node.Url, "--checkpoint", _dir.File("same.checkpoint.json"), "--json");

        extended.AssertOk();
        Assert.Equal(JsonValueKind.Null, extended.Json().GetProperty("consistencyTo").ValueKind);
        (await Harness.RunAsync("proof", "verify", proofPath, "--checkpoint", _dir.File("same.checkpoint.json"))).AssertOk();
    }

    [Fact]
    public async Task Proof_get_for_an_unknown_transaction_fails_with_the_nodes_code()
    {
        var checkpoint = _dir.File("now.checkpoint.json");
        (await Anchor("--hash", Hash256.Sha256([8]).ToString(), "--proof-out", _dir.File("y.proof.json"))).AssertOk();
        (await Harness.RunAsync("checkpoint", "--node", _node.Url, "--out", checkpoint)).AssertOk();

        var result = await Harness.RunAsync("proof", "get", new string('0', 64), "--node", _node.Url, "--checkpoint", checkpoint, "--out", _dir.File("none.proof.json"));

        result.AssertError(ExitCodes.Failed);
        Assert.False(File.Exists(_dir.File("none.proof.json")));
    }

    [Fact]
    public async Task Show_commands_print_the_nodes_dto_as_json()
    {
        var anchored = await Anchor("--hash", Hash256.Sha256([6]).ToString(), "--proof-out", _dir.File("x.proof.json"), "--json");
        var txId = anchored.Json().GetProperty("txId").GetString()!;

        var tx = await Harness.RunAsync("tx", "show", txId, "--node", _node.Url, "--json");
        var head = await Harness.RunAsync("head", "--node", _node.Url, "--json");
        var block = await Harness.RunAsync("block", "show", "1", "--node", _node.Url, "--json");

        tx.AssertOk();
        head.AssertOk();
        block.AssertOk();
        AssertSameJson(await ServedAsync("api/v1/transactions/" + txId), tx.Json());
        AssertSameJson(await ServedAsync("api/v1/head"), head.Json());
        AssertSameJson(await ServedAsync("api/v1/blocks/1"), block.Json());
        Assert.Equal(txId, tx.Json().GetProperty("txId").GetString());
        Assert.Equal(_node.ChainId, tx.Json().GetProperty("chainId").GetString());
        Assert.Equal("success", tx.Json().GetProperty("receipt").GetProperty("status").GetString());
        Assert.Equal(1, head.Json().GetProperty("height").GetInt64());
        Assert.Equal(_node.NodeKey, head.Json().GetProperty("producer").GetString());
        Assert.Equal([txId], block.Json().GetProperty("txIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Show_commands_find_blocks_by_hash_and_print_people_readable_fields()
    {
        var txId = (await Anchor("--hash", Hash256.Sha256([10]).ToString(), "--proof-out", _dir.File("z.proof.json"), "--json")).Json().GetProperty("txId").GetString()!;
        var headHash = (await _node.Client.GetHeadAsync()).Hash;

        var byHash = await Harness.RunAsync("block", "show", headHash, "--node", _node.Url, "--json");
        var human = await Harness.RunAsync("block", "show", "1", "--node", _node.Url);
        var humanTx = await Harness.RunAsync("tx", "show", txId, "--node", _node.Url);
        var humanHead = await Harness.RunAsync("head", "--node", _node.Url);

        byHash.AssertOk();
        AssertSameJson(await ServedAsync("api/v1/blocks/1"), byHash.Json());
        human.AssertOk();
        Assert.Contains(headHash, human.Out, StringComparison.Ordinal);
        Assert.Contains(txId, human.Out, StringComparison.Ordinal);
        humanTx.AssertOk();
        Assert.Contains("notary/", humanTx.Out, StringComparison.Ordinal);
        humanHead.AssertOk();
        Assert.Contains(headHash, humanHead.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_node_does_not_have_is_a_failed_command_with_its_code()
    {
        var missingTx = await Harness.RunAsync("tx", "show", new string('0', 64), "--node", _node.Url, "--json");
        var missingBlock = await Harness.RunAsync("block", "show", "99", "--node", _node.Url, "--json");
        var missingIdentity = await Harness.RunAsync("identity", "show", _key, "--node", _node.Url, "--json");

        Assert.Contains("not_found", missingTx.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Equal("not_found", missingTx.Json().GetProperty("code").GetString());
        missingBlock.AssertError(ExitCodes.Failed);
        Assert.Equal("not_found", missingBlock.Json().GetProperty("code").GetString());
        missingIdentity.AssertError(ExitCodes.Failed);
    }

    [Fact]
    public async Task Identity_changes_are_signed_with_consecutive_nonces_and_recorded_by_the_identity_module()
    {
        var successor = _dir.File("successor.json");
        (await Harness.RunAsync("keys", "new", "--out", successor, "--passphrase-env", _passphrase, "--fast")).AssertOk();

        var register = await Harness.RunAsync("identity", "register", "--name", "Dr. Example", "--role", "member", "--key", _key, "--node", _node.Url, "--passphrase-env", _passphrase, "--json");
        var registered = await Harness.RunAsync("identity", "show", _key, "--node", _node.Url, "--json");
        var rotate = await Harness.RunAsync(
            "identity", "rotate", "--new-key", successor, "--new-passphrase-env", _passphrase, "--key", _key, "--node", _node.Url, "--passphrase-env", _passphrase, "--json");

        register.AssertOk();
        registered.AssertOk();
        Assert.Equal("Dr. Example", registered.Json().GetProperty("displayName").GetString());
        Assert.Equal("member", registered.Json().GetProperty("role").GetString());
        Assert.Equal("active", registered.Json().GetProperty("status").GetString());
        rotate.AssertOk();
        var successorKey = PublicKeyOf(await Harness.RunAsync("keys", "show", successor, "--json"));
        Assert.Equal(successorKey, rotate.Json().GetProperty("successor").GetString());
        var first = await Harness.RunAsync("tx", "show", register.Json().GetProperty("txId").GetString()!, "--node", _node.Url, "--json");
        var second = await Harness.RunAsync("tx", "show", rotate.Json().GetProperty("txId").GetString()!, "--node", _node.Url, "--json");
        Assert.Equal(1UL, first.Json().GetProperty("nonce").GetUInt64());
        Assert.Equal(2UL, second.Json().GetProperty("nonce").GetUInt64());
        var retired = await _node.Client.GetIdentityAsync(Ed25519PublicKey.Parse(PublicKeyOf(await Harness.RunAsync("keys", "show", _key, "--json"))));
        Assert.Equal("rotated", retired.Status);
        Assert.Equal(successorKey, retired.Successor);
        var shownSuccessor = await Harness.RunAsync("identity", "show", successorKey, "--node", _node.Url, "--json");
        shownSuccessor.AssertOk();
        Assert.Equal("Dr. Example", shownSuccessor.Json().GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_rotated_or_revoked_key_can_sign_nothing_more()
    {
        var successor = _dir.File("successor.json");
        (await Harness.RunAsync("keys", "new", "--out", successor, "--passphrase-env", _passphrase, "--fast")).AssertOk();
        (await Harness.RunAsync("identity", "register", "--name", "Nurse", "--role", "member", "--key", _key, "--node", _node.Url, "--passphrase-env", _passphrase)).AssertOk();
        (await Harness.RunAsync(
            "identity", "rotate", "--new-key", successor, "--new-passphrase-env", _passphrase, "--key", _key, "--node", _node.Url, "--passphrase-env", _passphrase)).AssertOk();

        var oldKeyAnchor = await Anchor("--hash", Hash256.Sha256([11]).ToString(), "--proof-out", _dir.File("old-key.proof.json"));
        var revoke = await Harness.RunAsync("identity", "revoke", "--key", successor, "--node", _node.Url, "--passphrase-env", _passphrase, "--json");
        var afterRevoke = await Harness.RunAsync(
            "anchor", "--hash", Hash256.Sha256([12]).ToString(), "--proof-out", _dir.File("revoked.proof.json"),
            "--key", successor, "--node", _node.Url, "--passphrase-env", _passphrase);

        Assert.Contains("key_rotated", oldKeyAnchor.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("old-key.proof.json")));
        revoke.AssertOk();
        Assert.Contains("key_revoked", afterRevoke.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_went_away_is_unreachable_exit_3()
    {
        var url = _node.Url;
        await _node.StopAsync();

        var head = await Harness.RunAsync("head", "--node", url, "--json");
        var anchor = await Anchor("--hash", Hash256.Sha256([13]).ToString(), "--proof-out", _dir.File("gone.proof.json"));

        Assert.Equal($"error: node at {url} is unreachable", head.AssertError(ExitCodes.Unreachable));
        Assert.Equal("unreachable", head.Json().GetProperty("code").GetString());
        anchor.AssertError(ExitCodes.Unreachable);
        Assert.False(File.Exists(_dir.File("gone.proof.json")));
    }

    private static string PublicKeyOf(CliResult keysShow)
    {
        keysShow.AssertOk();
        return keysShow.Json().GetProperty("publicKey").GetString()!;
    }

    private static void AssertSameJson(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"expected {expected.GetRawText()}, got {actual.GetRawText()}");

    /// <summary>What the node itself serves at <paramref name="path"/>, read over plain HTTP.</summary>
    private async Task<JsonElement> ServedAsync(string path)
    {
        using var document = JsonDocument.Parse(await _node.Http.GetStringAsync(new Uri(path, UriKind.Relative)));
        return document.RootElement.Clone();
    }

    private Task<CliResult> Anchor(params string[] args) =>
        Harness.RunAsync(["anchor", .. args, "--key", _key, "--node", _node.Url, "--passphrase-env", _passphrase]);
}
