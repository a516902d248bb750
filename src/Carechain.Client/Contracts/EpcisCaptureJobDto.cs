namespace Carechain.Client.Contracts;

/// <summary>
/// An EPCIS 2.0 capture job as <c>GET /epcis/capture/{captureID}</c> answers it: running until
/// every event's transaction is in a block; success when none was refused or rejected;
/// <c>captureErrorBehaviour</c> is always <c>rollback</c> (a document with one bad event admits nothing).
/// </summary>
public sealed record EpcisCaptureJobDto(
    string CaptureId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    bool Running,
    bool Success,
    string CaptureErrorBehaviour,
    IReadOnlyList<EpcisCaptureErrorDto> Errors);
