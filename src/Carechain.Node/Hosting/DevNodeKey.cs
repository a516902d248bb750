using Carechain.Core.Crypto;

namespace Carechain.Node.Hosting;

/// <summary>
/// The dev node's signing key, created on first start as a hex seed file readable only by its
/// owner. Dev only: member nodes of a consortium load an encrypted keystore.
/// </summary>
internal static class DevNodeKey
{
    public const string FileName = "node.seed";

    public static SigningKey LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var hex = File.ReadAllText(path).Trim();
            try
            {
                return SigningKey.FromSeed(Convert.FromHexString(hex));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new InvalidDataException($"{path} does not hold a 32-byte hex seed.", ex);
            }
        }

        var key = SigningKey.Generate();
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToHexStringLower(key.ExportSeed()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path);
        return key;
    }
}
