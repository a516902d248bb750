using Carechain.Ledger.Execution;
using Carechain.Ledger.Genesis;
using Carechain.Modules.Governance;
using Carechain.Modules.Supply.Prefixes;
using Carechain.Modules.Supply.Products;

namespace Carechain.Modules.Supply;

/// <summary>Company prefixes and products: who owns which GTINs (see docs/decisions/0006-gs1-prefix-ownership.md).</summary>
public sealed partial class SupplyModule
{
    /// <summary>
    /// A regulator's admin assigns a prefix to a manufacturer. Prefixes never nest: neither a
    /// shorter nor a longer assigned prefix may cover the same digits, so a GTIN has at most one owner.
    /// </summary>
    private static Outcome AssignPrefix(Execution x, AssignPrefixRequest request)
    {
        if (x.Actor.Organisation is null)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        if (x.Actor.Kind != OrganisationKind.Regulator)
        {
            return Fail(SupplyErrors.WrongOrganisationKind);
        }

        if (!x.Actor.IsAdmin)
        {
            return Fail(GovernanceErrors.NotAnAdmin);
        }

        if (!x.Permissions.IsCurrent(request.Owner))
        {
            return Fail(GovernanceErrors.UnknownOrganisation);
        }

        if (x.Permissions.Organisation(request.Owner)!.Organisation.Kind != OrganisationKind.Manufacturer)
        {
            return Fail(SupplyErrors.WrongOrganisationKind);
        }

        var digits = request.Prefix.Value;
        if (x.State.Prefix(request.Prefix) is not null)
        {
            return Fail(SupplyErrors.PrefixTaken);
        }

        for (var length = CompanyPrefix.MinLength; length < digits.Length; length++)
        {
            if (CompanyPrefix.TryParse(digits[..length], out var shorter) && x.State.Prefix(shorter) is not null)
            {
                return Fail(SupplyErrors.PrefixOverlap);
            }
        }

        if (x.State.HasLongerPrefix(request.Prefix))
        {
            return Fail(SupplyErrors.PrefixOverlap);
        }

        x.Put(SupplyState.PrefixKey(request.Prefix), new PrefixRecord(request.Prefix, request.Owner, x.Actor.Organisation.Value, x.Block.Height).Encode());
        for (var length = CompanyPrefix.MinLength; length < digits.Length; length++)
        {
            x.Put(SupplyState.CoveredKey(digits[..length]), [1]);
        }

        return Done(LedgerEvent.Of("supply.prefix_assigned", ("prefix", digits), ("organisation", request.Owner.Value)));
    }

    private static Outcome RegisterProduct(Execution x, RegisterProductRequest request)
    {
        if (x.Actor.Organisation is not { } organisation)
        {
            return Fail(SupplyErrors.NoOrganisation);
        }

        if (x.Actor.Kind != OrganisationKind.Manufacturer)
        {
            return Fail(SupplyErrors.WrongOrganisationKind);
        }

        var prefix = x.State.PrefixRecordOf(request.Gtin);
        if (prefix is null || prefix.Owner != organisation)
        {
            return Fail(SupplyErrors.PrefixNotOwned);
        }

        if (x.State.Product(request.Gtin) is not null)
        {
            return Fail(SupplyErrors.ProductExists);
        }

        x.Put(SupplyState.ProductKey(request.Gtin), new ProductRecord(request.Gtin, organisation, prefix.Prefix, request.Name, x.Block.Height).Encode());
        return Done(LedgerEvent.Of("supply.product_registered", ("gtin", request.Gtin.Value), ("organisation", organisation.Value)));
    }
}
