using System.CommandLine;
using System.Text;
using Carechain.Client;
using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Ledger.Transactions;
using Carechain.Modules.Identity;

namespace Carechain.Cli.Commands;

/// <summary>
/// <c>carechain identity register|rotate|revoke|add-member|show</c>: a key's identity on the chain. Every
/// change waits for its block and fails unless the identity module accepted it.
/// </summary>
internal static class IdentityCommands
{
    public static Command Create() => new("identity", "Register, rotate, revoke and look up key identities; admins register members")
    {
        Register(), Rotate(), Revoke(), AddMember(), Show(),
    };

    private static Command Register()
    {
        var name = new Option<string>("--name") { Description = $"Display name, at most {IdentityPayloads.MaxDisplayNameBytes} bytes", Required = true };
        var role = new Option<string>("--role") { Description = "The role to claim", Required = true };
        role.AcceptOnlyFromAmong([.. IdentityRole.SelfRegistrable.Order(StringComparer.Ordinal)]);
        var (key, node, passphraseEnv, json) = SigningOptions();
        var command = new Command("register", "Register the key under a display name and role") { name, role, key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var displayName = context.Value(name)!;
            if (displayName.Length == 0 || displayName.Trim().Length != displayName.Length || displayName.Any(char.IsControl)
                || Encoding.UTF8.GetByteCount(displayName) > IdentityPayloads.MaxDisplayNameBytes)
            {
                throw CliException.Usage($"--name must be 1 to {IdentityPayloads.MaxDisplayNameBytes} bytes, without control characters or surrounding spaces");
            }

            return await SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), null, (signer, ct) =>
                signer.CreateRegisterAsync(displayName, context.Value(role)!, ct));
        });
        return command;
    }

    private static Command Rotate()
    {
        var newKey = CommonOptions.Key("--new-key", "The keystore file of the successor key");
        var newPassphraseEnv = CommonOptions.PassphraseEnv("--new-passphrase-env", "Read the successor keystore's passphrase from this environment variable instead of asking");
        var (key, node, passphraseEnv, json) = SigningOptions();
        var command = new Command("rotate", "Hand the key's identity to a successor key; the old key can sign nothing afterwards")
        {
            newKey, newPassphraseEnv, key, node, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            using var successor = await KeyFiles.OpenAsync(context, context.Value(newKey)!, context.Value(newPassphraseEnv));
            return await SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), successor.PublicKey, (signer, ct) =>
                signer.PublicKey == successor.PublicKey
                    ? throw CliException.Usage("--new-key holds the same key as --key")
                    : signer.CreateRotateAsync(successor, ct));
        });
        return command;
    }

    private static Command Revoke()
    {
        var (key, node, passphraseEnv, json) = SigningOptions();
        var command = new Command("revoke", "Revoke the key for good; it can sign nothing afterwards") { key, node, passphraseEnv, json };
        CommandRunner.SetAction(command, json, context =>
            SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), null, (signer, ct) => signer.CreateRevokeAsync(ct)));
        return command;
    }

    private static Command AddMember()
    {
        var memberArgument = new Argument<string>("member") { Description = "The member's public key (64 hex characters) or keystore file" };
        var role = new Option<string>("--role") { Description = "One of " + string.Join(", ", IdentityRole.MemberRoles.Order(StringComparer.Ordinal)), Required = true };
        var organisation = new Option<string>("--organisation") { Description = "The organisation the member acts for; --key must administer it", Required = true };
        var name = new Option<string>("--name") { Description = "The member's display name (public: never health data)", Required = true };
        var (key, node, passphraseEnv, json) = SigningOptions();
        var command = new Command("add-member", "As an organisation admin, register a member of that organisation with a role")
        {
            memberArgument, role, organisation, name, key, node, passphraseEnv, json,
        };
        CommandRunner.SetAction(command, json, async context =>
        {
            if (!OrganisationId.TryParse(context.Value(organisation), out var organisationId))
            {
                throw CliException.Usage("--organisation is not an organisation id");
            }

            var text = context.Value(memberArgument)!;
            var member = await KeyFiles.PublicKeyOfAsync(text, "member", context.CancellationToken);
            var payload = IdentityPayloads.EncodeAddMember(member, context.Value(name)!, context.Value(role)!, organisationId);
            return await SubmitAsync(context, context.Value(key)!, context.Value(node)!, context.Value(passphraseEnv), null, (signer, ct) =>
                signer.CreateAsync(IdentityModule.ModuleName, IdentityPayloads.AddMember, payload, ct));
        });
        return command;
    }

    private static Command Show()
    {
        var keyArgument = new Argument<string>("key") { Description = "A public key (64 hex characters) or a keystore file" };
        var node = CommonOptions.Node();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show the identity registered for a key") { keyArgument, node, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var text = context.Value(keyArgument)!;
            var publicKey = await KeyFiles.PublicKeyOfAsync(text, "key", context.CancellationToken);
            using var connection = context.Connect(context.Value(node)!);
            var identity = await connection.Client.GetIdentityAsync(publicKey, context.CancellationToken);
            context.Emit(identity, ui => Display.Fields(
                ui, ("key", identity.Key), ("name", identity.DisplayName), ("role", identity.Role), ("status", identity.Status),
                ("registered at", identity.RegisteredHeight), ("changed at", identity.ChangedHeight), ("successor", identity.Successor)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static (Option<string> Key, Option<string> Node, Option<string?> PassphraseEnv, Option<bool> Json) SigningOptions() =>
        (CommonOptions.Key(), CommonOptions.Node(), CommonOptions.PassphraseEnv(), CommonOptions.Json());

    /// <summary>Opens the key, builds the transaction, waits for it to commit and succeed, and reports it.</summary>
    private static async Task<int> SubmitAsync(
        CliContext context, string keyFile, string nodeUrl, string? passphraseEnv, Ed25519PublicKey? successor,
        Func<TransactionSigner, CancellationToken, Task<Transaction>> build)
    {
        var ct = context.CancellationToken;
        using var key = await KeyFiles.OpenAsync(context, keyFile, passphraseEnv);
        using var connection = context.Connect(nodeUrl);
        var signer = await TransactionSigner.ForNodeAsync(connection.Client, key, ct);
        var transaction = await build(signer, ct);
        var response = await Submission.CommitAsync(signer, transaction, ct);
        var author = key.PublicKey;
        context.Emit(
            new { txId = transaction.Id.ToString(), height = response.Height, key = author.ToString(), successor = successor?.ToString() },
            ui => Display.Fields(ui, ("txId", transaction.Id), ("height", response.Height), ("key", author), ("successor", successor)));
        return ExitCodes.Ok;
    }
}
