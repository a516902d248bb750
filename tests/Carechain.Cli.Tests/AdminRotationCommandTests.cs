using Carechain.Cli.Tests.Support;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary>
/// An organisation admitted on the real dev node rotates its admin key with <c>carechain identity rotate</c>:
/// the new key registers members and proposes, the old key is refused with <c>key_rotated</c>.
/// </summary>
public sealed class AdminRotationCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private InProcessNode _node = null!;
    private string _passphrase = null!;
    private string _oldAdmin = null!;
    private string _newAdmin = null!;

    public async Task InitializeAsync()
    {
        _node = await InProcessNode.StartAsync(_dir.File("node"));
        _passphrase = Harness.Variable("admin rotation cli");
        var devAdmin = _dir.File("dev-admin.json");
        (await Harness.RunAsync("keys", "import-seed", Path.Combine(_dir.File("node"), "node.seed"), "--out", devAdmin, "--passphrase-env", _passphrase, "--fast")).AssertOk();
        _oldAdmin = await NewKeyAsync("clinic-admin");
        _newAdmin = await NewKeyAsync("clinic-admin-2");
        (await Harness.RunAsync(
            "governance", "add-organisation", "clinic", "--kind", "clinic", "--admin", _oldAdmin, "--key", devAdmin, "--passphrase-env", _passphrase, "--node", _node.Url)).AssertOk();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_rotated_admin_key_is_refused_and_its_successor_registers_members_and_proposes()
    {
        var nurse = await NewKeyAsync("nurse");
        var rotated = await Harness.RunAsync(
            "identity", "rotate", "--new-key", _newAdmin, "--new-passphrase-env", _passphrase, "--key", _oldAdmin, "--node", _node.Url, "--passphrase-env", _passphrase, "--json");

        var oldMember = await AddMemberAsync(_oldAdmin, nurse);
        var oldProposal = await ProposeAsync(_oldAdmin, "lab");
        var member = await AddMemberAsync(_newAdmin, nurse);
        var proposal = await ProposeAsync(_newAdmin, "lab");

        rotated.AssertOk();
        Assert.Contains("key_rotated", oldMember.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        Assert.Contains("key_rotated", oldProposal.AssertError(ExitCodes.Failed), StringComparison.Ordinal);
        member.AssertOk();
        proposal.AssertOk();
        var shown = await Harness.RunAsync("identity", "show", nurse, "--node", _node.Url, "--json");
        shown.AssertOk();
        Assert.Equal("nurse", shown.Json().GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_key_that_administers_no_organisation_cannot_register_members()
    {
        var nurse = await NewKeyAsync("nurse");
        var stranger = await NewKeyAsync("stranger");

        var line = (await AddMemberAsync(stranger, nurse)).AssertError(ExitCodes.Failed);

        Assert.Contains("not_an_admin", line, StringComparison.Ordinal);
    }

    private Task<CliResult> AddMemberAsync(string admin, string member) =>
        Harness.RunAsync(
            "identity", "add-member", member, "--role", "nurse", "--organisation", "clinic", "--name", "Nurse Example",
            "--key", admin, "--node", _node.Url, "--passphrase-env", _passphrase);

    private async Task<CliResult> ProposeAsync(string admin, string id)
    {
        var newcomer = await NewKeyAsync(id + "-" + Path.GetFileNameWithoutExtension(admin));
        return await Harness.RunAsync(
            "governance", "add-organisation", id + (admin == _oldAdmin ? "-old" : "-new"), "--kind", "clinic", "--admin", newcomer,
            "--key", admin, "--passphrase-env", _passphrase, "--node", _node.Url);
    }

    private async Task<string> NewKeyAsync(string name)
    {
        var file = _dir.File(name + ".json");
        (await Harness.RunAsync("keys", "new", "--out", file, "--passphrase-env", _passphrase, "--fast")).AssertOk();
        return file;
    }
}
