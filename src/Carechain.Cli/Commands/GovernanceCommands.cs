using System.CommandLine;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain governance add-organisation</c>: an organisation admin proposes admitting a new
/// organisation (its id, kind and admin key). The proposal counts as the proposer's approval, so on
/// a chain whose policy needs one approval (the dev node) the organisation is admitted at once.
/// </summary>
internal static class GovernanceCommands
{
    public static Command Create() => new("governance", "Consortium governance proposals") { AddOrganisation() };

    private static Command AddOrganisation()
    {
        var id = new Argument<string>("id") { Description = "The new organisation's id, e.g. acme-pharma" };
        var kind = new Option<string>("--kind") { Description = "One of " + string.Join(", ", OrganisationKinds.Names), Required = true };
        kind.AcceptOnlyFromAmong([.. OrganisationKinds.Names]);
        var name = new Option<string?>("--name") { Description = "Display name (default: the id)" };
        var admin = new Option<string>("--admin") { Description = "The new organisation's admin public key (hex) or its keystore file", Required = true };
        var key = CommonOptions.Key(description: "The keystore of an admin of a current organisation");
        var node = CommonOptions.Node();
        var passphraseEnv = CommonOptions.PassphraseEnv();
        var json = CommonOptions.Json();
        var command = new Command("add-organisation", "Propose admitting an organisation; adopted once enough organisations approve")
        {
            id, kind, name, admin, key, node, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            if (!OrganisationId.TryParse(context.Value(id), out var organisationId))
            {
                throw CliException.Usage("the id must be a lower-case letter, then up to 31 letters, digits or '-'");
            }

            if (!OrganisationKinds.TryParse(context.Value(kind), out var organisationKind))
            {
                throw CliException.Usage("--kind must be one of " + string.Join(", ", OrganisationKinds.Names));
            }

            var adminText = context.Value(admin)!;
            var adminKey = File.Exists(adminText)
                ? KeyFiles.ReadPublicKey(adminText, await KeyFiles.ReadAsync(adminText, context.CancellationToken))
                : InputParsing.PublicKey(adminText, "--admin");
            Organisation organisation;
            try
            {
                organisation = new Organisation(organisationId, context.Value(name) ?? organisationId.Value, organisationKind, [adminKey], []);
            }
            catch (InvalidGenesisException ex)
            {
                throw CliException.Usage(ex.Message, ex);
            }

            using var signingKey = await KeyFiles.OpenAsync(context, context.Value(key)!, context.Value(passphraseEnv));
            using var connection = context.Connect(context.Value(node)!);
            var signer = await TransactionSigner.ForNodeAsync(connection.Client, signingKey, context.CancellationToken);
            var tx = await signer.CreateAsync(
                GovernanceModule.ModuleName, GovernancePayloads.Propose, GovernancePayloads.EncodePropose(new AddOrganisationAction(organisation)), context.CancellationToken);
            var response = await Submission.CommitAsync(signer, tx, context.CancellationToken);
            var adopted = response.Receipt!.Events.Any(e => e.Name == "governance.adopted");
            context.Emit(
                new { proposal = tx.Id.ToString(), height = response.Height, organisation = organisationId.Value, adopted },
                ui => Display.Fields(ui, ("proposal", tx.Id), ("height", response.Height), ("organisation", organisationId), ("adopted", adopted)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
