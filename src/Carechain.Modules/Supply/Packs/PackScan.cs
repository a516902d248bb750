using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;

namespace Carechain.Modules.Supply.Packs;

/// <summary>The last verification of a pack: by whom, for which organisation, where, when and at which height.</summary>
public sealed record PackScan(Ed25519PublicKey Verifier, OrganisationId? Organisation, string Location, long TimestampMs, long Height)
{
    /// <summary>
    /// Two scans are at the same place when the same organisation (or, without one, the same key) scanned
    /// at the same site; a scan that named no site is taken to be at any site of its organisation.
    /// </summary>
    public bool SamePlaceAs(Ed25519PublicKey verifier, OrganisationId? organisation, string location) =>
        (Location == location || Location.Length == 0 || location.Length == 0) && (Organisation is { } mine ? organisation == mine : organisation is null && Verifier == verifier);
}
