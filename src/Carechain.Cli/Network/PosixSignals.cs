using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Carechain.Cli.Network;

/// <summary>Asks a child process to stop the way a service manager does (SIGTERM), so it can close its store and leave Raft cleanly.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; on Windows, which has no such signal, kills the process instead. False if it could not be signalled.</summary>
    public static bool Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill();
            return true;
        }

        return Kill(process.Id, SigTerm) == 0;
    }

    // LibraryImport would require AllowUnsafeBlocks for the whole CLI; kill(2) takes and returns plain ints, so nothing is marshalled either way.
    [SuppressMessage("Interoperability", "SYSLIB1054:Use LibraryImportAttribute instead of DllImportAttribute", Justification = "See the comment above.")]
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
