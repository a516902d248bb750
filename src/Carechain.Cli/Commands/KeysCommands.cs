using System.CommandLine;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain keys new|show|import-seed</c>: create a passphrase-protected keystore, show a keystore's public key, seal a raw seed file.</summary>
internal static class KeysCommands
{
    public static Command Create() => new("keys", "Create and inspect keystores") { New(), Show(), ImportSeed() };

    private static Command New()
    {
        var output = new Option<string>("--out") { Description = "Where to write the new keystore (must not exist yet)", Required = true };
        var passphraseEnv = CommonOptions.PassphraseEnv(description: "Read the new passphrase from this environment variable instead of asking twice");
        var fast = new Option<bool>("--fast") { Description = "Cheap key derivation, for tests and throwaway dev keys only" };
        var json = CommonOptions.Json();
        var command = new Command("new", "Generate a signing key and seal it in a new keystore file") { output, passphraseEnv, fast, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var path = context.Value(output)!;
            if (File.Exists(path) || Directory.Exists(path))
            {
                // Checked before asking for a passphrase; the write itself checks again.
                throw CliException.Usage($"{path} already exists; refusing to overwrite it");
            }

            var passphrase = await Passphrases.ForNewAsync(context, context.Value(passphraseEnv));
            using var key = SigningKey.Generate();
            var strength = context.Value(fast) ? KeystoreStrength.Fast : KeystoreStrength.Interactive;
            await KeyFiles.WriteNewAsync(path, Keystore.Seal(key, passphrase, strength), context.CancellationToken);
            Report(context, path, key.PublicKey);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var file = new Argument<string>("file") { Description = "A keystore file" };
        var json = CommonOptions.Json();
        var command = new Command("show", "Print a keystore's public key (no passphrase needed)") { file, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var path = context.Value(file)!;
            var publicKey = KeyFiles.ReadPublicKey(path, await KeyFiles.ReadAsync(path, context.CancellationToken));
            Report(context, path, publicKey);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Seals a 32-byte hex seed file (the dev node's <c>node.seed</c>, its admin key) into a keystore the other commands take.</summary>
    private static Command ImportSeed()
    {
        var seed = new Argument<string>("seed-file") { Description = "A file holding a 32-byte seed as 64 hex characters, e.g. a dev node's data/node.seed" };
        var output = new Option<string>("--out") { Description = "Where to write the new keystore (must not exist yet)", Required = true };
        var passphraseEnv = CommonOptions.PassphraseEnv(description: "Read the new passphrase from this environment variable instead of asking twice");
        var fast = new Option<bool>("--fast") { Description = "Cheap key derivation, for tests and throwaway dev keys only" };
        var json = CommonOptions.Json();
        var command = new Command("import-seed", "Seal a raw hex seed file (such as a dev node's node.seed) in a new keystore") { seed, output, passphraseEnv, fast, json };
        CommandRunner.SetAction(command, json, async context =>
        {
            var path = context.Value(output)!;
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw CliException.Usage($"{path} already exists; refusing to overwrite it");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromHexString((await File.ReadAllTextAsync(context.Value(seed)!, context.CancellationToken)).Trim());
            }
            catch (FormatException ex)
            {
                throw CliException.Usage("the seed file must hold 64 hexadecimal characters", ex);
            }

            if (bytes.Length != 32)
            {
                throw CliException.Usage("the seed file must hold 64 hexadecimal characters");
            }

            var passphrase = await Passphrases.ForNewAsync(context, context.Value(passphraseEnv));
            using var key = SigningKey.FromSeed(bytes);
            var strength = context.Value(fast) ? KeystoreStrength.Fast : KeystoreStrength.Interactive;
            await KeyFiles.WriteNewAsync(path, Keystore.Seal(key, passphrase, strength), context.CancellationToken);
            Report(context, path, key.PublicKey);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(CliContext context, string path, Ed25519PublicKey publicKey) =>
        context.Emit(
            new { publicKey = publicKey.ToString(), file = path },
            ui => Display.Fields(ui, ("public key", publicKey), ("file", path)));
}
