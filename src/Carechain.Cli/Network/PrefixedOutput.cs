namespace Carechain.Cli.Network;

/// <summary>
/// Writes the lines of several child processes to one stream, each prefixed with its node id, whole
/// lines at a time: the children's output arrives on thread-pool threads, and interleaved halves of
/// two lines would be unreadable.
/// </summary>
internal sealed class PrefixedOutput(TextWriter writer)
{
    private readonly Lock _gate = new();

    public void WriteLine(string prefix, string line)
    {
        lock (_gate)
        {
            writer.WriteLine($"[{prefix}] {line}");
            writer.Flush();
        }
    }
}
