namespace Carechain.Fhir.Search;

/// <summary>The comparison prefixes of FHIR date search (R4 3.1.1.4.2); <c>ap</c> is not supported.</summary>
public enum DatePrefix
{
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
    Sa,
    Eb,
}
