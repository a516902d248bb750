namespace Carechain.Client;

/// <summary>
/// Thrown by <see cref="EvidenceFiles"/> when a file's content is not a valid proof or checkpoint
/// document. The message is one line and safe to show a user. File-system failures are not wrapped:
/// they stay <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.
/// </summary>
public sealed class EvidenceFileException : Exception
{
    public EvidenceFileException()
    {
    }

    public EvidenceFileException(string message)
        : base(message)
    {
    }

    public EvidenceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
