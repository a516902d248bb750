using System.Diagnostics;

namespace Carechain.Cli.Network;

/// <summary>
/// How to start this same <c>carechain</c> again as a child process: the apphost itself when the CLI
/// runs as <c>carechain</c>, otherwise <c>dotnet carechain.dll</c> (run as a dll, or hosted in-process
/// by a test, where the current process is not the CLI at all).
/// </summary>
internal static class CarechainExecutable
{
    private const string AppName = "carechain";

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var current = Environment.ProcessPath;
        ProcessStartInfo start;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == AppName)
        {
            start = new ProcessStartInfo(current);
        }
        else
        {
            start = new ProcessStartInfo(current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet");
            start.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }
}
