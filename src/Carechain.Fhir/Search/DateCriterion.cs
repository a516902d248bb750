namespace Carechain.Fhir.Search;

/// <summary>
/// A date search value with its prefix, compared as ranges per the FHIR R4 search rules: the
/// search value's range against the range the resource's value covers.
/// </summary>
public sealed record DateCriterion(DatePrefix Prefix, FhirDateRange Range) : SearchCriterion
{
    public override bool Matches(IndexValue value)
    {
        if (value is not DateValue { Range: var target })
        {
            return false;
        }

        var contains = Range.Start <= target.Start && target.End <= Range.End;
        return Prefix switch
        {
            DatePrefix.Eq => contains,
            DatePrefix.Ne => !contains,
            DatePrefix.Gt => target.End > Range.End,
            DatePrefix.Lt => target.Start < Range.Start,
            DatePrefix.Ge => target.End > Range.End || contains,
            DatePrefix.Le => target.Start < Range.Start || contains,
            DatePrefix.Sa => target.Start >= Range.End,
            DatePrefix.Eb => target.End <= Range.Start,
            _ => false,
        };
    }
}
