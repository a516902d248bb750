using Carechain.Core.Crypto;
using Carechain.Vault.Crypto;

namespace Carechain.Node.Vault;

/// <summary>
/// The node's vault key file <c>&lt;data&gt;/vault.key</c>, created on first start. With a passphrase
/// (a consortium member) it is a Core keystore sealed under it; without one (the dev node) it is
/// an owner-only hex seed file, kept exactly like the dev node key <c>node.seed</c>. Dev only: a
/// seed file is as safe as the disk it is on. See docs/vault.md.
/// </summary>
internal static class NodeVaultKey
{
    public const string FileName = "vault.key";

    public static CustodianKey LoadOrCreate(string dataDirectory, string? passphrase)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path).Trim();
            if (passphrase is not null)
            {
                return CustodianKey.OpenKeystore(text, passphrase);
            }

            try
            {
                using var key = SigningKey.FromSeed(Convert.FromHexString(text));
                return CustodianKey.FromSigningKey(key);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new InvalidDataException($"{path} does not hold a 32-byte hex seed; a sealed vault key needs the node's passphrase.", ex);
            }
        }

        using var created = SigningKey.Generate();
        var temp = path + ".tmp";
        File.WriteAllText(temp, passphrase is null ? Convert.ToHexStringLower(created.ExportSeed()) : Core.Keys.Keystore.Seal(created, passphrase));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path);
        return CustodianKey.FromSigningKey(created);
    }
}
