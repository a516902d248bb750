namespace Carechain.Cli.Bench;

/// <summary>A fresh folder under the system's temporary folder for one bench run, deleted afterwards whatever happens.</summary>
internal static class ScratchFolder
{
    public static async Task<T> UseAsync<T>(string name, Func<string, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var folder = Path.Combine(Path.GetTempPath(), $"carechain-{name}-" + Path.GetRandomFileName());
        try
        {
            return await run(folder).ConfigureAwait(false);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
