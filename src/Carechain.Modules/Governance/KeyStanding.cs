using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Governance;

/// <summary>
/// What a key is now, as <see cref="Permissions.StandingOf"/> finds it in one look-up: the current
/// organisation it acts for and the role it holds (both null for a key that is not active).
/// </summary>
public readonly record struct KeyStanding(OrganisationId? Organisation, string? Role);
