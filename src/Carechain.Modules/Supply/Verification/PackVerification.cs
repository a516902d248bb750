using Carechain.Core.Crypto;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply.Events;
using Carechain.Modules.Supply.Packs;

namespace Carechain.Modules.Supply.Verification;

/// <summary>
/// The one place that decides whether a pack is authentic: a pure function of the supply state,
/// the permission service, the scan (pack, printed lot and expiry, who, where) and the time. It
/// returns every reason that applies, not the first. The module calls it when it records a
/// verification; the node's API calls it for a read-only check.
/// </summary>
public static class PackVerification
{
    /// <summary>Two scans of one serial at two places within this much block time, with no movement between, mark a cloned code.</summary>
    public const long CloneWindowMs = 15 * 60 * 1000;

    /// <summary>This many verifications of one serial by others than its holder within <see cref="VelocityWindowMs"/> (this one included) mark serial harvesting.</summary>
    public const int VelocityLimit = 5;

    public const long VelocityWindowMs = 60 * 60 * 1000;

    public static IReadOnlyList<string> Reasons(
        SupplyState state, Permissions permissions, VerifyRequest scan, Ed25519PublicKey verifier, long timestampMs) =>
        Evaluate(state, permissions, scan, verifier, timestampMs).Reasons;

    /// <summary>
    /// What a scan gets: every reason and the pack's history, from one pass over the state (the
    /// batch, lot and pack read once for both).
    /// </summary>
    public static PackCheck Check(SupplyState state, Permissions permissions, VerifyRequest scan, Ed25519PublicKey verifier, long timestampMs)
    {
        var (reasons, batch, lot, pack) = Evaluate(state, permissions, scan, verifier, timestampMs);
        return new PackCheck(reasons, batch is null ? [] : History(state, scan.Pack, batch, lot!, pack));
    }

    /// <summary>The pack's history, oldest first: its commissioning, the lot's events and its own, each with when, where and why.</summary>
    public static IReadOnlyList<SupplyEvent> History(SupplyState state, PackId pack)
    {
        ArgumentNullException.ThrowIfNull(state);
        var batch = state.BatchOf(pack);
        return batch is null ? [] : History(state, pack, batch, state.Lot(batch.Gtin, batch.Lot)!, state.Pack(pack));
    }

    private static IReadOnlyList<SupplyEvent> History(SupplyState state, PackId pack, BatchRecord batch, LotRecord lot, PackState? stored)
    {
        var events = new List<SupplyEvent>(1 + lot.EventCount + (stored?.EventCount ?? 0))
        {
            new(SupplyEventKind.Commissioned, batch.Manufacturer, batch.Author, null, string.Empty, batch.Location, batch.Height, batch.TimestampMs, batch.Id),
        };
        events.AddRange(state.LotEvents(batch.Gtin, batch.Lot, lot.EventCount));
        events.AddRange(state.PackEvents(pack, stored?.EventCount ?? 0));
        return [.. events.OrderBy(e => e.Height)];
    }

    private static (List<string> Reasons, BatchRecord? Batch, LotRecord? Lot, PackState? Pack) Evaluate(
        SupplyState state, Permissions permissions, VerifyRequest scan, Ed25519PublicKey verifier, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(scan);
        var reasons = new List<string>();
        if (state.Product(scan.Pack.Gtin) is null)
        {
            reasons.Add(VerificationReasons.UnknownProduct);
            return (reasons, null, null, null);
        }

        var batch = state.BatchOf(scan.Pack);
        var lot = batch is null ? null : state.Lot(batch.Gtin, batch.Lot)!;
        if (scan.Lot is { } scannedLot && (scannedLot == batch?.Lot ? lot : state.Lot(scan.Pack.Gtin, scannedLot)) is null)
        {
            reasons.Add(VerificationReasons.UnknownLot);
        }

        if (batch is null)
        {
            reasons.Add(VerificationReasons.UnknownSerial);
            return (reasons, null, null, null);
        }

        if (state.PrefixOwnerOf(batch.Gtin) != batch.Manufacturer)
        {
            reasons.Add(VerificationReasons.CommissionedByNonOwner);
        }

        if (scan.Lot is { } printed && printed != batch.Lot && !reasons.Contains(VerificationReasons.UnknownLot))
        {
            reasons.Add(VerificationReasons.LotMismatch);
        }

        if (scan.Expiry is { } expiry && expiry != lot!.Expiry)
        {
            reasons.Add(VerificationReasons.ExpiryMismatch);
        }

        if (lot!.Expiry < DayOf(timestampMs))
        {
            reasons.Add(VerificationReasons.Expired);
        }

        if (lot.Status == LotStatus.Recalled)
        {
            reasons.Add(VerificationReasons.Recalled);
        }
        else if (lot.Status == LotStatus.Quarantined)
        {
            reasons.Add(VerificationReasons.Quarantined);
        }

        var stored = state.Pack(scan.Pack);
        var pack = stored ?? PackState.Fresh(batch);
        var verifierOrganisation = state.OrganisationOf(permissions, verifier);
        AddStatusReasons(reasons, pack, verifierOrganisation);
        if (pack.LastScan is { } last && last.Height >= pack.LastMoveHeight && timestampMs - last.TimestampMs <= CloneWindowMs
            && !last.SamePlaceAs(verifier, verifierOrganisation, scan.Location))
        {
            reasons.Add(VerificationReasons.CloneDuplicate);
        }

        if (stored is not null && verifierOrganisation != pack.Holder && ScansByOthers(state, scan.Pack, stored, timestampMs) >= VelocityLimit - 1)
        {
            reasons.Add(VerificationReasons.VerifyVelocity);
        }

        return (reasons, batch, lot, stored);
    }

    /// <summary>Recorded verifications of the pack within the velocity window by others than its holder, counted newest first up to the limit.</summary>
    private static int ScansByOthers(SupplyState state, PackId id, PackState pack, long timestampMs)
    {
        var count = 0;
        for (var i = pack.EventCount - 1; i >= 0 && count < VelocityLimit; i--)
        {
            var entry = state.PackEvent(id, i);
            if (timestampMs - entry.TimestampMs > VelocityWindowMs)
            {
                break;
            }

            if (entry.Kind == SupplyEventKind.Verified && entry.Actor != pack.Holder)
            {
                count++;
            }
        }

        return count;
    }

    private static void AddStatusReasons(List<string> reasons, PackState pack, OrganisationId? verifierOrganisation)
    {
        switch (pack.Status)
        {
            case PackStatus.Dispensed:
                reasons.Add(VerificationReasons.AlreadyDispensed);
                return;
            case PackStatus.Decommissioned:
                reasons.Add(pack.Reason == DecommissionReasons.Stolen ? VerificationReasons.Stolen : VerificationReasons.AlreadyDecommissioned);
                return;
            case PackStatus.InTransit or PackStatus.ReturnInTransit:
                // The receiver scanning before it books the receipt is the normal goods-in check.
                if (verifierOrganisation != pack.Receiver)
                {
                    reasons.Add(VerificationReasons.NotReceived);
                }

                return;
            default:
                if (verifierOrganisation is { } organisation && organisation != pack.Holder)
                {
                    reasons.Add(VerificationReasons.HeldByOther);
                }

                return;
        }
    }

    internal static DateOnly DayOf(long timestampMs) => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime);
}
