using System.Text.Json;
using System.Text.RegularExpressions;
using Carechain.Cli.Tests.Support;
using Carechain.Testing;

namespace Carechain.Cli.Tests;

/// <summary>
/// The issue's "done when": a new user runs the README's supply section line by line with the CLI
/// against the dev node, and sees what the README says each scan prints — an authentic pack, a
/// counterfeit, a recalled lot and a cloned code flagged — and the regulator sees the three alerts.
/// The test reads the section from README.md itself, so the README and the test cannot drift apart.
/// </summary>
public sealed partial class ReadmeSupplySectionTests : IAsyncLifetime
{
    private const string Heading = "## Drug supply chain: from the manufacturer to the counter";
    private readonly TempDirectory _dir = new();
    private InProcessNode _node = null!;

    public async Task InitializeAsync() => _node = await InProcessNode.StartAsync(_dir.File("data"));

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_new_user_following_the_readme_sees_a_counterfeit_a_recalled_lot_and_a_cloned_code_flagged()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var script = new ReadmeScript(_dir.Path, _node.Http, new Dictionary<string, string> { ["N"] = _node.Url });

        await script.RunAsync(ReadmeScript.Section(readme, Heading));

        foreach (var (line, result, expected) in script.Ran)
        {
            if (expected?.StartsWith("alerts: ", StringComparison.Ordinal) == true)
            {
                result.AssertOk();
                var rows = result.Out.Split('\n');
                foreach (var alert in expected["alerts: ".Length..].Split(", "))
                {
                    var (serial, reason) = (alert.Split(' ')[0], alert.Split(' ')[1]);
                    Assert.True(rows.Any(r => r.Contains(serial, StringComparison.Ordinal) && r.Contains(reason, StringComparison.Ordinal)), $"{line}\nprinted no alert '{alert}':\n{result.Out}");
                }
            }
            else if (expected is not null)
            {
                var printed = Spaces().Split(expected)[0].Trim();
                Assert.True(result.ExitCode == (printed.Contains("SUSPECT", StringComparison.Ordinal) ? 1 : 0), $"{line}\nexit {result.ExitCode}: {result.Err}");
                Assert.Equal(printed, result.Out.Split('\n')[0].Trim());
            }
            else
            {
                Assert.True(result.ExitCode == 0, $"{line}\nexit {result.ExitCode}: {result.Err}{result.Out}");
            }
        }

        // The whole story ran: three flagged scans and the regulator's list of them.
        Assert.Equal(
            ["authentic", "SUSPECT (unknown_serial)", "SUSPECT (recalled)", "SUSPECT (clone_duplicate)"],
            script.Ran.Where(r => r.Line.Contains("supply verify", StringComparison.Ordinal)).Select(r => r.Result.Out.Split('\n')[0].Split(": ")[1].Trim()));
        var listed = script.Ran.Single(r => r.Line.StartsWith("carechain supply alerts", StringComparison.Ordinal));
        var alerts = (await script.RerunAsync(listed.Line, "--json")).Json().GetProperty("items").EnumerateArray()
            .Select(a => (a.GetProperty("serial").GetString(), string.Join(',', a.GetProperty("reasons").EnumerateArray().Select(r => r.GetString())))).ToArray();
        Assert.Equal([("S9999", "unknown_serial"), ("T001", "recalled"), ("S0001", "clone_duplicate")], alerts);

        // The pharmacy that scanned is not shown the alerts: they name who scanned where.
        var asPharmacy = await script.RerunAsync(listed.Line.Replace("regulator.json", "pharmacy.json", StringComparison.Ordinal));
        Assert.Contains("forbidden", asPharmacy.AssertError(1), StringComparison.Ordinal);

        // The EPCIS query shows the undone dispense with its error declaration; the regulator's stream answered.
        using var query = JsonDocument.Parse(script.Fetched.Single(f => f.Url.Contains("/epcis/events", StringComparison.Ordinal)).Body);
        var events = query.RootElement.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").EnumerateArray().ToArray();
        Assert.Equal(["commissioning", "shipping", "receiving", "shipping", "receiving", "dispensing"], events.Select(e => e.GetProperty("bizStep").GetString()));
        Assert.Equal("incorrect_data", events[^1].GetProperty("errorDeclaration").GetProperty("reason").GetString());
        Assert.Equal("text/event-stream", script.Fetched.Single(f => f.Url.EndsWith("/alerts/stream", StringComparison.Ordinal)).Body);
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
