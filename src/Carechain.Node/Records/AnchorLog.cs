using Carechain.Core.Crypto;
using Carechain.Modules.Records.Anchors;
using Carechain.Node.Api;

namespace Carechain.Node.Records;

/// <summary>
/// Anchors single FHIR writes: each version's anchor, signed by this node on the member's behalf,
/// is group-committed (<see cref="GroupCommit{TEntry}"/>, ADR 0013) with the anchors of other writes
/// arriving at the same time in one records/anchor-log transaction, whose entries the module
/// applies or refuses one by one. Several versions that must commit together (a transaction
/// Bundle) use records/anchor-batch-for instead, all or nothing.
/// </summary>
internal sealed class AnchorLog(NodeSubmitter submitter) : IDisposable
{
    private const string AnchoredEvent = "records.anchored";

    private readonly GroupCommit<AnchorOnBehalfRequest> _group = new(
        submitter, AnchorLogRequest.Operation, AnchorLogRequest.MaxEntries, entries => new AnchorLogRequest(entries).Encode(), Refused);

    /// <summary>Null once the anchor committed; otherwise the refusal code and detail, and nothing is anchored.</summary>
    public async Task<(string Code, string Detail)?> AnchorAsync(Ed25519PublicKey requestedBy, AnchorVersionRequest anchor)
    {
        var outcome = await _group.SubmitAsync(new AnchorOnBehalfRequest(requestedBy, anchor)).ConfigureAwait(false);
        if (outcome.Event is not { } e)
        {
            return (outcome.Code, outcome.Detail);
        }

        var code = e.Name == AnchoredEvent ? null : e.Attributes.GetValueOrDefault("code", ApiProblem.InternalError);
        return code is null ? null : (code, Refused(code));
    }

    public void Dispose() => _group.Dispose();

    /// <summary>The wording FHIR writes have always used for a refused anchor.</summary>
    public static string Refused(string code) => $"the chain refused the anchor ({code})";
}
