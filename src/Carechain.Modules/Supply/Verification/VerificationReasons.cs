namespace Carechain.Modules.Supply.Verification;

/// <summary>
/// The closed set of reasons a pack is suspect (docs/supply.md maps them to EU FMD alert codes).
/// A verification lists every one that applies.
/// </summary>
public static class VerificationReasons
{
    /// <summary>No product is registered under the GTIN (≈ NMVS_NC_PC_01).</summary>
    public const string UnknownProduct = "unknown_product";

    /// <summary>The GTIN is known but this serial was never commissioned (≈ NMVS_NC_PC_02).</summary>
    public const string UnknownSerial = "unknown_serial";

    /// <summary>The batch was commissioned by an organisation that does not own the product's company prefix now.</summary>
    public const string CommissionedByNonOwner = "commissioned_by_non_owner";

    /// <summary>The scanned lot was never commissioned for this product (≈ NMVS_FE_LOT_03).</summary>
    public const string UnknownLot = "unknown_lot";

    /// <summary>The serial exists under another lot (≈ NMVS_FE_LOT_13).</summary>
    public const string LotMismatch = "lot_mismatch";

    /// <summary>The scanned expiry differs from the lot's (≈ NMVS_FE_LOT_12).</summary>
    public const string ExpiryMismatch = "expiry_mismatch";

    public const string Expired = "expired";
    public const string Recalled = "recalled";
    public const string Quarantined = "quarantined";
    public const string Stolen = "stolen";

    /// <summary>The pack was already dispensed (≈ NMVS_NC_PCK_22).</summary>
    public const string AlreadyDispensed = "already_dispensed";

    /// <summary>The pack was already decommissioned (≈ NMVS_NC_PCK_22).</summary>
    public const string AlreadyDecommissioned = "already_decommissioned";

    /// <summary>An organisation scanned a pack another organisation holds: diversion.</summary>
    public const string HeldByOther = "held_by_other";

    /// <summary>The pack was shipped and never received.</summary>
    public const string NotReceived = "not_received";

    /// <summary>The serial was verified at another place shortly before, with no movement between: a cloned code.</summary>
    public const string CloneDuplicate = "clone_duplicate";

    /// <summary>
    /// The serial was verified unusually often by others than its holder: the
    /// <see cref="PackVerification.VelocityLimit"/>th time within <see cref="PackVerification.VelocityWindowMs"/> (serial harvesting).
    /// </summary>
    public const string VerifyVelocity = "verify_velocity";
}
