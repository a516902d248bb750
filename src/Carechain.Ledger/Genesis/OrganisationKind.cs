namespace Carechain.Ledger.Genesis;

/// <summary>What an organisation is. The byte values are part of the genesis and state encodings.</summary>
public enum OrganisationKind : byte
{
    Hospital = 0,
    Clinic = 1,
    Pharmacy = 2,
    Manufacturer = 3,
    Distributor = 4,
    Insurer = 5,
    Regulator = 6,
    Sponsor = 7,
}
