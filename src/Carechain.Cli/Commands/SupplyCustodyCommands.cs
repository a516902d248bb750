using System.CommandLine;
using Carechain.Client;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Supply.Events;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain supply ship|receive|dispense|decommission|return|undo PACK…</c>: custody events signed by
/// the acting organisation's key. Packs are GS1 codes naming (01) and (21), or bare serials with --gtin.
/// All packs move, or none.
/// </summary>
internal static class SupplyCustodyCommands
{
    public static IEnumerable<Command> Create() =>
    [
        Custody(CustodyAction.Ship, "ship", "Ship packs to a named receiver organisation"),
        Custody(CustodyAction.Receive, "receive", "Receive packs shipped to your organisation"),
        Custody(CustodyAction.Dispense, "dispense", "Dispense packs to a patient (pharmacy, hospital or clinic)"),
        Custody(CustodyAction.Decommission, "decommission", "Take packs out of the supply chain with a reason"),
        Custody(CustodyAction.Return, "return", "Return packs up the chain to a named receiver"),
        Custody(CustodyAction.Undo, "undo", "Undo your own dispense or decommission recorded in error (within 10 days)"),
        Aggregation(aggregate: true),
        Aggregation(aggregate: false),
    ];

    private static Command Aggregation(bool aggregate)
    {
        var parent = new Argument<string>("sscc") { Description = "The case or pallet: an 18-digit SSCC or (00){SSCC}" };
        var packs = new Argument<string[]>("packs") { Description = "Pack codes, or serials with --gtin", Arity = aggregate ? ArgumentArity.OneOrMore : ArgumentArity.Zero };
        var gtin = new Option<string?>("--gtin") { Description = "The GTIN of packs given as bare serials" };
        var location = SupplySubmission.Location();
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var command = aggregate
            ? new Command("aggregate", "Pack packs into a case or pallet (SSCC); they then move with it") { parent, packs, gtin, location, key, node, passphraseEnv, json }
            : new Command("disaggregate", "Unpack a case or pallet; its packs move alone again") { parent, location, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, context =>
        {
            var text = context.Value(parent)!;
            var sscc = SupplySubmission.TryParseContainer(text)
                ?? (Modules.Supply.Gs1.Sscc.TryParse(text, out var bare, out _) ? bare : throw CliException.Usage($"'{CliText.OneLine(text)}' is not an SSCC"));
            var product = context.Value(gtin) is { } g ? SupplySubmission.ParseGtin(g) : (Modules.Supply.Gs1.Gtin?)null;
            var children = aggregate ? context.Value(packs)!.Select(p => SupplySubmission.ParsePack(p, product)).ToArray() : [];
            var request = new Modules.Supply.Packs.AggregationRequest(sscc, children, context.Value(location)!);
            return SupplySubmission.SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) =>
                signer.AggregationAsync(aggregate, request, ct));
        });
        return command;
    }

    private static Command Custody(CustodyAction action, string name, string description)
    {
        var packs = new Argument<string[]>("packs") { Description = "Pack codes ((01)…(21)…, scanner string or Digital Link), serials with --gtin, or cases/pallets as (00){SSCC}", Arity = ArgumentArity.OneOrMore };
        var gtin = new Option<string?>("--gtin") { Description = "The GTIN of packs given as bare serials" };
        var to = new Option<string>("--to") { Description = "The receiving organisation", Required = action is CustodyAction.Ship or CustodyAction.Return };
        var reasons = action == CustodyAction.Undo ? DecommissionReasons.UndoReasons : DecommissionReasons.All;
        var withReason = action is CustodyAction.Decommission or CustodyAction.Undo;
        var reason = new Option<string>("--reason") { Description = "Why: " + string.Join(", ", reasons.Order(StringComparer.Ordinal)), Required = withReason };
        if (withReason)
        {
            reason.AcceptOnlyFromAmong([.. reasons.Order(StringComparer.Ordinal)]);
        }

        var location = SupplySubmission.Location();
        var (key, node, passphraseEnv, json) = SupplySubmission.SigningOptions();
        var command = new Command(name, description) { packs, gtin, location, key, node, passphraseEnv, json };
        if (action is CustodyAction.Ship or CustodyAction.Return)
        {
            command.Add(to);
        }

        if (withReason)
        {
            command.Add(reason);
        }

        CommandRunner.SetAction(command, json, context =>
        {
            var product = context.Value(gtin) is { } g ? SupplySubmission.ParseGtin(g) : (Modules.Supply.Gs1.Gtin?)null;
            var codes = context.Value(packs)!;
            var containers = codes.Select(SupplySubmission.TryParseContainer).OfType<Modules.Supply.Gs1.Sscc>().ToArray();
            var ids = codes.Where(c => SupplySubmission.TryParseContainer(c) is null).Select(p => SupplySubmission.ParsePack(p, product)).ToArray();
            OrganisationId? receiver = null;
            if (action is CustodyAction.Ship or CustodyAction.Return)
            {
                receiver = OrganisationId.TryParse(context.Value(to), out var id) ? id : throw CliException.Usage("--to must be an organisation id");
            }

            var request = new CustodyRequest(ids, receiver, withReason ? context.Value(reason)! : string.Empty, context.Value(location)!, containers);
            return SupplySubmission.SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), (signer, ct) =>
                signer.CustodyAsync(action, request, ct));
        });
        return command;
    }
}
