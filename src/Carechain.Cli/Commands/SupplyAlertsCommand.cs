using System.CommandLine;
using System.Globalization;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain supply alerts [--after N] [--wait SECONDS] --key KEYFILE --node URL [--json]</c>: the
/// alerts suspect verifications raised, as a regulator reads them (signed in with a key of a
/// <c>regulator</c> organisation; any other key is refused <c>forbidden</c>). <c>--wait</c> holds the
/// request until an alert after <c>--after</c> commits; <c>--json</c> gives <c>{"items","next"}</c>.
/// </summary>
internal static class SupplyAlertsCommand
{
    private const int MaxWaitSeconds = 30;

    public static Command Create()
    {
        var after = new Option<long>("--after") { Description = "Only alerts after this sequence number (the 'next' of an earlier answer)", DefaultValueFactory = _ => 0 };
        var limit = new Option<int?>("--limit") { Description = "At most this many alerts (1 to 1,000; 100 by default)" };
        var wait = new Option<int>("--wait") { Description = $"Seconds to wait for an alert when there is none yet (0 to {MaxWaitSeconds})", DefaultValueFactory = _ => 0 };
        var signed = SignedCommand.Options();
        var command = new Command("alerts", "List supply alerts (a regulator's key): suspect scans with their reasons, who scanned and where") { after, limit, wait };
        signed.AddTo(command);
        CommandRunner.SetAction(command, signed.Json, async context =>
        {
            var (from, count, seconds) = (context.Value(after), context.Value(limit), context.Value(wait));
            if (from < 0 || count is < 1 or > 1_000 || seconds is < 0 or > MaxWaitSeconds)
            {
                throw CliException.Usage($"--after is 0 or more, --limit 1 to 1,000, --wait 0 to {MaxWaitSeconds} seconds");
            }

            var page = await signed.ReadAsync(context, (client, _, token, ct) =>
                client.ListSupplyAlertsAsync(token, from, count, TimeSpan.FromSeconds(seconds), ct));
            context.Emit(new { items = page.Items, next = page.Next }, ui =>
            {
                Display.Table(ui, ["alert", "height", "gtin", "serial", "reasons", "organisation", "where"], page.Items.Select(a => new[]
                {
                    a.Sequence.ToString(CultureInfo.InvariantCulture), a.Height.ToString(CultureInfo.InvariantCulture), a.Gtin, a.Serial,
                    string.Join(", ", a.Reasons), a.Organisation ?? a.Verifier, a.Location,
                }));
                Display.Line(ui, $"next: {page.Next.ToString(CultureInfo.InvariantCulture)}");
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
