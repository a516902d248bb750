namespace Carechain.Core.Codec;

/// <summary>
/// The only exception a decoder throws for bad input: says what was wrong and at which byte.
/// </summary>
public sealed class CodecException : Exception
{
    public CodecException(string message, int position)
        : base($"{message} (at byte {position})") => Position = position;

    public CodecException()
    {
    }

    public CodecException(string message)
        : base(message)
    {
    }

    public CodecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int Position { get; }
}
