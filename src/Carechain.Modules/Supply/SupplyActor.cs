using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Supply;

/// <summary>Who signed a supply transaction: the key, the current organisation it acts for and that organisation's kind.</summary>
internal sealed record SupplyActor(Ed25519PublicKey Key, OrganisationId? Organisation, OrganisationKind? Kind, bool IsAdmin);
