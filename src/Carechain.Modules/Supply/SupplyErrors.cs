namespace Carechain.Modules.Supply;

/// <summary>Stable refusal codes of the supply module (listed in docs/errors.md). A refused transaction changes nothing.</summary>
public static class SupplyErrors
{
    /// <summary>The author acts for no current organisation.</summary>
    public const string NoOrganisation = "no_organisation";

    /// <summary>The author's organisation is not of a kind that may do this (e.g. a pharmacy commissioning).</summary>
    public const string WrongOrganisationKind = "wrong_organisation_kind";

    public const string InvalidPrefix = "invalid_prefix";
    public const string PrefixTaken = "prefix_taken";

    /// <summary>The prefix contains, or is contained in, a prefix already assigned.</summary>
    public const string PrefixOverlap = "prefix_overlap";

    /// <summary>No prefix assigned to the author's organisation covers the GTIN.</summary>
    public const string PrefixNotOwned = "prefix_not_owned";

    public const string ProductExists = "product_exists";
    public const string UnknownProduct = "unknown_product";

    /// <summary>The author's organisation does not own the product.</summary>
    public const string NotProductOwner = "not_product_owner";

    public const string InvalidName = "invalid_name";
    public const string InvalidSerial = "invalid_serial";
    public const string InvalidLot = "invalid_lot";
    public const string InvalidRange = "invalid_range";
    public const string EmptyBatch = "empty_batch";

    /// <summary>A serial in the batch was already commissioned for this GTIN, or appears twice in the batch.</summary>
    public const string SerialConflict = "serial_conflict";

    /// <summary>The lot was commissioned before with another expiry date.</summary>
    public const string LotExpiryConflict = "lot_expiry_conflict";

    public const string UnknownLot = "unknown_lot";
    public const string UnknownPack = "unknown_pack";
    public const string DuplicatePack = "duplicate_pack";
    public const string TooManyPacks = "too_many_packs";

    /// <summary>The author's organisation does not hold the pack.</summary>
    public const string NotHolder = "not_holder";

    public const string UnknownReceiver = "unknown_receiver";
    public const string SelfShipment = "self_shipment";

    /// <summary>The pack is on its way to a receiver; only receiving it is possible.</summary>
    public const string InTransit = "in_transit";

    /// <summary>Receive of a pack that is not on its way (never shipped, or already received).</summary>
    public const string NotInTransit = "not_in_transit";

    /// <summary>Receive by an organisation other than the one the pack was shipped to.</summary>
    public const string NotReceiver = "not_receiver";

    /// <summary>A received return not yet verified authentic by its holder: it may not be resold, dispensed or packed.</summary>
    public const string ReturnNotVerified = "return_not_verified";

    /// <summary>The pack was dispensed or decommissioned; it can move no more.</summary>
    public const string PackInactive = "pack_inactive";

    public const string LotRecalled = "lot_recalled";
    public const string LotQuarantined = "lot_quarantined";
    public const string NotQuarantined = "not_quarantined";
    public const string InvalidReason = "invalid_reason";
    public const string InvalidLocation = "invalid_location";

    /// <summary>The pack is packed in a case or pallet; it moves with it, or is unpacked first.</summary>
    public const string PackAggregated = "pack_aggregated";

    public const string UnknownContainer = "unknown_container";

    /// <summary>The SSCC already holds packs; unpack it before packing it again.</summary>
    public const string ContainerInUse = "container_in_use";

    /// <summary>An undo of a pack that is not dispensed or decommissioned, or whose status is final (destroyed, stolen, withdrawn); ≈ NMVS_NC_PCK_06.</summary>
    public const string UndoNotAllowed = "undo_not_allowed";

    /// <summary>An undo more than 10 days after the dispense or decommission (≈ NMVS_NC_PCK_20).</summary>
    public const string UndoWindowPassed = "undo_window_passed";

    /// <summary>An undo by a key other than the one that recorded the dispense or decommission (≈ NMVS_NC_PCK_21).</summary>
    public const string UndoByOtherUser = "undo_by_other_user";

    /// <summary>An EPCIS error declaration naming an event that is not the one that made the pack inactive.</summary>
    public const string UndoWrongEvent = "undo_wrong_event";

    /// <summary>The EPCIS event (by its CBV hash) was applied before by another transaction.</summary>
    public const string DuplicateEvent = "duplicate_event";
}
