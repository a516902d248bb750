using System.Text;
using Carechain.Core.Crypto;
using Carechain.Core.Keys;

namespace Carechain.Cli;

/// <summary>Reads and creates keystore files. A new keystore is never written over an existing file and is readable only by its owner.</summary>
internal static class KeyFiles
{
    // Keystores are a few hundred bytes; the cap keeps a wrong path (a disk image, say) from being read into memory.
    private const int MaxKeystoreBytes = 64 * 1024;

    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw CliException.Usage($"key file {path} does not exist");
        }

        if (file.Length > MaxKeystoreBytes)
        {
            throw CliException.Usage($"{path} is not a Carechain keystore (too large)");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw CliException.Usage($"{path} is not a Carechain keystore (not UTF-8 text)");
        }
    }

    /// <summary>Opens a keystore, asking for its passphrase (see <see cref="Passphrases"/>). A wrong passphrase is a usage error.</summary>
    public static async Task<SigningKey> OpenAsync(CliContext context, string path, string? passphraseVariable) =>
        (await OpenWithPassphraseAsync(context, path, passphraseVariable)).Key;

    /// <summary>As <see cref="OpenAsync"/>, also returning the passphrase (a member node seals its vault key under the same one).</summary>
    public static async Task<(SigningKey Key, string Passphrase)> OpenWithPassphraseAsync(CliContext context, string path, string? passphraseVariable)
    {
        var json = await ReadAsync(path, context.CancellationToken);

        // Parse before prompting, so a wrong path fails without asking for a passphrase first.
        ReadPublicKey(path, json);
        var passphrase = await Passphrases.ForExistingAsync(context, passphraseVariable, path);
        try
        {
            return (Keystore.Open(json, passphrase), passphrase);
        }
        catch (KeystoreException ex)
        {
            throw CliException.Usage($"cannot open {path}: {ex.Message}", ex);
        }
    }

    /// <summary>The public key <paramref name="text"/> names: a keystore file's, or 64 hexadecimal characters; <paramref name="what"/> names the argument in the error.</summary>
    public static async Task<Ed25519PublicKey> PublicKeyOfAsync(string text, string what, CancellationToken cancellationToken) =>
        File.Exists(text)
            ? ReadPublicKey(text, await ReadAsync(text, cancellationToken))
            : InputParsing.PublicKey(text, what);

    public static Ed25519PublicKey ReadPublicKey(string path, string json)
    {
        try
        {
            return Keystore.ReadPublicKey(json);
        }
        catch (KeystoreException ex)
        {
            throw CliException.Usage($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Creates <paramref name="path"/> with the keystore text; fails if anything exists there, even if it appeared a moment ago.</summary>
    public static async Task WriteNewAsync(string path, string keystoreJson, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so there is no moment when the file is readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException ex) when (File.Exists(path) || Directory.Exists(path))
        {
            throw CliException.Usage($"{path} already exists; refusing to overwrite it", ex);
        }

        await using (stream)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(keystoreJson + "\n"), cancellationToken);
        }
    }
}
