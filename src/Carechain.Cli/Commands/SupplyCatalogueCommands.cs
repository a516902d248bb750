using System.CommandLine;
using System.Globalization;
using Carechain.Client;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;
using Carechain.Modules.Supply.Prefixes;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain supply prefix|product|commission|recall|quarantine|release</c>: the signed commands that
/// set up what exists — company prefixes (regulator), products and batches (manufacturer), and lot status.
/// </summary>
internal static class SupplyCatalogueCommands
{
    public static IEnumerable<Command> Create() => [Prefix(), Product(), Commission(), Lot(LotAction.Recall), Lot(LotAction.Quarantine), Lot(LotAction.Release)];

    private static Command Prefix()
    {
        var prefix = new Argument<string>("prefix") { Description = "The GS1 company prefix, 6 to 12 digits" };
        var owner = new Option<string>("--owner") { Description = "The manufacturer organisation it is assigned to", Required = true };
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var command = new Command("prefix", "Assign a GS1 company prefix to a manufacturer (a regulator's admin key)") { prefix, owner, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, context =>
        {
            if (!CompanyPrefix.TryParse(context.Value(prefix), out var parsed))
            {
                throw CliException.Usage("the prefix must be 6 to 12 digits");
            }

            if (!OrganisationId.TryParse(context.Value(owner), out var organisation))
            {
                throw CliException.Usage("--owner must be an organisation id such as 'acme-pharma'");
            }

            return SupplySubmission.SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) =>
                signer.AssignPrefixAsync(parsed, organisation, ct));
        });
        return command;
    }

    private static Command Product()
    {
        var gtin = new Argument<string>("gtin") { Description = "The product's GTIN-8/12/13/14, under a company prefix your organisation owns" };
        var name = new Option<string>("--name") { Description = "The trade name, at most 100 bytes", Required = true };
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var command = new Command("product", "Register a product (a manufacturer's key)") { gtin, name, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, context =>
        {
            var parsed = SupplySubmission.ParseGtin(context.Value(gtin)!);
            return SupplySubmission.SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) =>
                signer.RegisterProductAsync(parsed, context.Value(name)!, ct));
        });
        return command;
    }

    private static Command Commission()
    {
        var gtin = new Argument<string>("gtin") { Description = "The product's GTIN" };
        var lot = new Option<string>("--lot") { Description = "The lot (batch) number, AI 10", Required = true };
        var expiry = new Option<string>("--expiry") { Description = "The lot's expiry date, YYYY-MM-DD", Required = true };
        var ranges = new Option<string[]>("--range") { Description = "A serial range FIRST-LAST with the same prefix and digit count, e.g. A000001-A100000 (repeatable)", AllowMultipleArgumentsPerToken = true };
        var serials = new Option<string[]>("--serial") { Description = "A single serial (repeatable)", AllowMultipleArgumentsPerToken = true };
        var location = SupplySubmission.Location();
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var command = new Command("commission", "Commission a batch of serialised packs of one lot (a manufacturer's key)")
        {
            gtin, lot, expiry, ranges, serials, location, key, node, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, context =>
        {
            var product = SupplySubmission.ParseGtin(context.Value(gtin)!);
            if (!DateOnly.TryParseExact(context.Value(expiry), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw CliException.Usage("--expiry must be a date YYYY-MM-DD");
            }

            var all = new List<SerialRange>();
            foreach (var text in context.Value(ranges) ?? [])
            {
                all.Add(SerialRange.TryParse(text, out var range) ? range : throw CliException.Usage($"--range '{CliText.OneLine(text)}' is not FIRST-LAST with one prefix and digit count"));
            }

            foreach (var serial in context.Value(serials) ?? [])
            {
                all.Add(PackId.IsSerial(serial) ? SerialRange.OfOne(serial) : throw CliException.Usage($"--serial '{CliText.OneLine(serial)}' is not 1 to 20 characters of GS1 set 82"));
            }

            if (all.Count == 0)
            {
                throw CliException.Usage("give at least one --range or --serial");
            }

            var request = new CommissionRequest(product, context.Value(lot)!, date, all, context.Value(location)!);
            return SupplySubmission.SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) =>
                signer.CommissionAsync(request, ct));
        });
        return command;
    }

    private static Command Lot(LotAction action)
    {
        var gtin = new Argument<string>("gtin") { Description = "The product's GTIN" };
        var lot = new Option<string>("--lot") { Description = "The lot", Required = true };
        var reason = new Option<string>("--reason") { Description = "A short reason code, e.g. contamination (lower-case letters, digits, '-', '_')", DefaultValueFactory = _ => string.Empty };
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var (name, description) = action switch
        {
            LotAction.Recall => ("recall", "Recall a lot for good (the manufacturer's or a regulator's key)"),
            LotAction.Quarantine => ("quarantine", "Hold a lot under investigation (a regulator's key)"),
            _ => ("release", "Lift a lot's quarantine (a regulator's key)"),
        };
        var command = new Command(name, description) { gtin, lot, reason, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, context =>
        {
            var request = new LotRequest(SupplySubmission.ParseGtin(context.Value(gtin)!), context.Value(lot)!, context.Value(reason)!);
            return SupplySubmission.SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) =>
                signer.LotAsync(action, request, ct));
        });
        return command;
    }
}
