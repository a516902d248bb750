namespace Carechain.Modules.Supply.Gs1;

public enum Gs1AiKind
{
    /// <summary>Digits only.</summary>
    Numeric,

    /// <summary>GS1 character set 82.</summary>
    Alphanumeric,

    /// <summary>YYMMDD; for some AIs a day of 00 means the month's last day.</summary>
    Date,
}
