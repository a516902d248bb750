using Carechain.Modules.Records.Access;
using Carechain.Node.Api.Records;

namespace Carechain.Node.Records;

/// <summary>An access event that committed: its transaction and the right the chain found for the read.</summary>
internal sealed record LoggedAccess(string TxId, string Basis, string? BasisId)
{
    public static LoggedAccess From(string txId, IReadOnlyDictionary<string, string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var basisId = attributes.GetValueOrDefault("basisId");
        var basis = Enum.TryParse<AccessBasis>(attributes.GetValueOrDefault("basis"), out var parsed) ? RecordDtoMapping.BasisName(parsed) : string.Empty;
        return new LoggedAccess(txId, basis, string.IsNullOrEmpty(basisId) ? null : basisId);
    }
}
