namespace Carechain.Client.Epcis;

/// <summary>An EPCIS document or event the chain cannot take, with the index of the event and why.</summary>
public sealed class EpcisFormatException : Exception
{
    public EpcisFormatException()
    {
    }

    public EpcisFormatException(string message)
        : base(message)
    {
    }

    public EpcisFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
