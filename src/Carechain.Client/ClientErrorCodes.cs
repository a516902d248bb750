namespace Carechain.Client;

/// <summary>
/// Error codes that <see cref="CarechainClient"/> assigns itself, for failures where the node
/// never gave a code of its own. They never collide with the node's codes (listed in docs/errors.md).
/// </summary>
public static class ClientErrorCodes
{
    /// <summary>No HTTP answer at all: connection refused, DNS failure, TLS failure, timeout or a cut connection.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The node answered with a success status but a body that is not the expected JSON document.</summary>
    public const string InvalidResponse = "invalid_response";

    /// <summary>Prefix of the code given to an error status whose body is not a problem document: <c>http_502</c> and so on.</summary>
    public const string HttpStatusPrefix = "http_";
}
