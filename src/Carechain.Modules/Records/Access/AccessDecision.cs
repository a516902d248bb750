using Carechain.Core.Hashing;

namespace Carechain.Modules.Records.Access;

/// <summary>
/// The answer of <see cref="AccessPolicy"/>: allowed under a basis (with the grant or break-glass
/// id where there is one), or denied with a stable error code.
/// </summary>
public sealed record AccessDecision(bool Allowed, AccessBasis? Basis, Hash256? BasisId, string ErrorCode)
{
    public static AccessDecision Allow(AccessBasis basis, Hash256? basisId = null) => new(true, basis, basisId, string.Empty);

    public static AccessDecision Deny(string errorCode) => new(false, null, null, errorCode);
}
