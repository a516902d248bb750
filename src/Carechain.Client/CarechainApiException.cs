using System.Net;

namespace Carechain.Client;

/// <summary>
/// The only exception <see cref="CarechainClient"/> throws for a failed call (besides
/// <see cref="OperationCanceledException"/> for the caller's own cancellation). <see cref="Code"/> is
/// never empty: it is the node's problem code, or one of <see cref="ClientErrorCodes"/>.
/// <see cref="StatusCode"/> is null exactly when the node could not be reached.
/// </summary>
public sealed class CarechainApiException : Exception
{
    public CarechainApiException(HttpStatusCode? statusCode, string code, string? detail, Exception? innerException = null)
        : base(Describe(code, detail), innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        StatusCode = statusCode;
        Code = code;
        Detail = detail;
    }

    /// <summary>The HTTP status of the answer; null when there was no answer (code <see cref="ClientErrorCodes.Unreachable"/>).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The stable error code, e.g. <c>nonce_gap</c>, <c>not_found</c>, <c>commit_timeout</c> or <c>unreachable</c>.</summary>
    public string Code { get; }

    /// <summary>The human-readable explanation (the problem's <c>detail</c>, else its <c>title</c>), if any.</summary>
    public string? Detail { get; }

    public bool IsUnreachable => StatusCode is null;

    private static string Describe(string code, string? detail) =>
        string.IsNullOrWhiteSpace(detail) ? code : $"{code}: {detail}";
}
