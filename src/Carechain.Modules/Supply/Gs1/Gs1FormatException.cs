namespace Carechain.Modules.Supply.Gs1;

/// <summary>The only exception the GS1 parsers throw for bad input; carries the precise <see cref="Gs1Error"/>.</summary>
public sealed class Gs1FormatException : FormatException
{
    public Gs1FormatException(Gs1Error error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString()) => Error = error;

    public Gs1FormatException()
        : this(new Gs1Error(string.Empty, 0, "malformed GS1 input"))
    {
    }

    public Gs1FormatException(string message)
        : this(new Gs1Error(string.Empty, 0, message))
    {
    }

    public Gs1FormatException(string message, Exception innerException)
        : base(message, innerException) => Error = new Gs1Error(string.Empty, 0, message);

    public Gs1Error Error { get; }
}
