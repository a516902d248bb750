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
/// <c>add-node-key</c> and <c>remove-node-key</c> propose changing an organisation's node keys, and
/// <c>approve</c> adds an organisation's approval to an open proposal.
/// </summary>
internal static class GovernanceCommands
{
    public static Command Create() => new("governance", "Consortium governance proposals")
    {
        AddOrganisation(),
        NodeKeyChange("add-node-key", "Propose adding a node key to an organisation (the key of a node from carechain network add-node)", (o, k) => new AddNodeKeyAction(o, k)),
        NodeKeyChange("remove-node-key", "Propose removing a node key from an organisation; its node leaves Raft once adopted", (o, k) => new RemoveNodeKeyAction(o, k)),
        Approve(),
    };

    private static Command NodeKeyChange(string name, string description, Func<OrganisationId, Ed25519PublicKey, ProposalAction> change)
    {
        var organisation = new Argument<string>("organisation") { Description = "The organisation whose node keys change, e.g. org1" };
        var nodeKey = new Argument<string>("node-key") { Description = "The node public key (hex) or its keystore file" };
        var key = CommonOptions.Key(description: "The keystore of an admin of a current organisation");
        var node = CommonOptions.Node();
        var passphraseEnv = CommonOptions.PassphraseEnv();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { organisation, nodeKey, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            if (!OrganisationId.TryParse(context.Value(organisation), out var organisationId))
            {
                throw CliException.Usage("the organisation must be a lower-case letter, then up to 31 letters, digits or '-'");
            }

            var keyText = context.Value(nodeKey)!;
            var publicKey = await KeyFiles.PublicKeyOfAsync(keyText, "node-key", context.CancellationToken);
            return await SubmitAsync(context, context.Value(key)!, context.Value(passphraseEnv), context.Value(node)!,
                GovernancePayloads.Propose, GovernancePayloads.EncodePropose(change(organisationId, publicKey)));
        });
        return command;
    }

    private static Command Approve()
    {
        var proposal = new Argument<string>("proposal") { Description = "The proposal id (the id of its propose transaction)" };
        var key = CommonOptions.Key(description: "The keystore of an admin of a current organisation");
        var node = CommonOptions.Node();
        var passphraseEnv = CommonOptions.PassphraseEnv();
        var json = CommonOptions.Json();
        var command = new Command("approve", "Approve an open proposal for your organisation; the change takes effect once enough organisations approve")
        {
            proposal, key, node, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            var id = InputParsing.TxId(context.Value(proposal));
            return await SubmitAsync(context, context.Value(key)!, context.Value(passphraseEnv), context.Value(node)!,
                GovernancePayloads.Approve, GovernancePayloads.EncodeApprove(id.Hash));
        });
        return command;
    }

    /// <summary>Signs and commits one governance transaction; prints the proposal (or approval) id, its height and whether it adopted a change.</summary>
    private static async Task<int> SubmitAsync(CliContext context, string keystore, string? passphraseVariable, string nodeUrl, string operation, byte[] payload)
    {
        using var signingKey = await KeyFiles.OpenAsync(context, keystore, passphraseVariable);
        using var connection = context.Connect(nodeUrl);
        var signer = await TransactionSigner.ForNodeAsync(connection.Client, signingKey, context.CancellationToken);
        var tx = await signer.CreateAsync(GovernanceModule.ModuleName, operation, payload, context.CancellationToken);
        var response = await Submission.CommitAsync(signer, tx, context.CancellationToken);
        var adopted = response.Receipt!.Events.Any(e => e.Name == "governance.adopted");
        context.Emit(
            new { transaction = tx.Id.ToString(), height = response.Height, adopted },
            ui => Display.Fields(ui, ("transaction", tx.Id), ("height", response.Height), ("adopted", adopted)));
        return ExitCodes.Ok;
    }

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
            var adminKey = await KeyFiles.PublicKeyOfAsync(adminText, "--admin", context.CancellationToken);
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
