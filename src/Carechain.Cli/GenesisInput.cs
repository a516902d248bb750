using Carechain.Ledger.Genesis;

namespace Carechain.Cli;

/// <summary>Reads a genesis file given on the command line; a file that is missing or not a genesis is a usage error.</summary>
internal static class GenesisInput
{
    private const long MaxGenesisBytes = 1024 * 1024;

    public static async Task<GenesisDocument> ReadAsync(string path, string option, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length > MaxGenesisBytes)
        {
            throw CliException.Usage($"{option} {path}: no genesis file there");
        }

        try
        {
            return GenesisFile.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is InvalidGenesisException or IOException)
        {
            throw CliException.Usage($"{option} {path}: {CliText.OneLine(ex.Message)}");
        }
    }
}
