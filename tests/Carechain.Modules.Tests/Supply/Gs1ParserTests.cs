using Carechain.Modules.Supply.Gs1;
using CsCheck;

namespace Carechain.Modules.Tests.Supply;

public class Gs1ParserTests
{
    private const int ReferenceYear = 2026;
    private const char Gs = Gs1Code.GroupSeparator;

    [Theory]
    [InlineData("629104150021", 3)]
    [InlineData("950600013435", 2)]
    [InlineData("0950600013435", 2)]
    [InlineData("9638507", 4)]
    public void Check_digit_follows_the_gs1_mod10_rule(string body, int expected) =>
        Assert.Equal(expected, Gs1CheckDigit.Compute(body));

    [Theory]
    [InlineData("96385074", "00000096385074")]
    [InlineData("950600013435", "00009506000134355")]
    [InlineData("9506000134352", "09506000134352")]
    [InlineData("09506000134352", "09506000134352")]
    public void Gtin_8_12_13_and_14_normalise_to_14_digits(string text, string expected)
    {
        if (text.Length == 12)
        {
            // A GTIN-12 is its 11-digit body plus check digit: build one from the 12 digits given.
            text = string.Concat(text.AsSpan(1), Gs1CheckDigit.Compute(text.AsSpan(1)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            expected = text.PadLeft(14, '0');
        }

        Assert.Equal(expected, Gtin.Parse(text).Value);
    }

    [Fact]
    public void Gtin_with_a_wrong_check_digit_does_not_exist()
    {
        Assert.False(Gtin.TryParse("09506000134353", out _, out var error));
        Assert.Equal(Gs1Error.CheckDigit, error!.Signal);
        Assert.Equal(13, error.Position);
    }

    [Fact]
    public void Scanner_string_with_symbology_prefix_and_gs_separators_is_split_into_fields()
    {
        var code = Gs1Code.Parse($"]d201084700069915412110081996195256{Gs}10DXB2005{Gs}17220228", ReferenceYear);

        Assert.Equal("08470006991541", code.Gtin!.Value.Value);
        Assert.Equal("10081996195256", code.Serial);
        Assert.Equal("DXB2005", code.Lot);
        Assert.Equal(new DateOnly(2022, 2, 28), code.Expiry);
    }

    [Fact]
    public void Bracketed_human_readable_form_parses_like_the_scanner_form()
    {
        var bracketed = Gs1Code.Parse("(01)09506000134352(17)201225(10)ABC(x)(21)XYZ", ReferenceYear);

        Assert.Equal("ABC(x)", bracketed.Lot);
        Assert.Equal("XYZ", bracketed.Serial);
        Assert.Equal(new DateOnly(2020, 12, 25), bracketed.Expiry);
    }

    [Fact]
    public void Expiry_day_00_means_the_last_day_of_the_month()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Gs1Code.Parse("(01)09506000134352(17)240200", ReferenceYear).Expiry);
        Assert.Equal(new DateOnly(2025, 2, 28), Gs1Code.Parse("(01)09506000134352(17)250200", ReferenceYear).Expiry);
    }

    [Theory]
    [InlineData("(01)09506000134352(17)251301", "17", "month 13")]
    [InlineData("(01)09506000134352(17)250230", "17", "day 30")]
    [InlineData("(01)09506000134353", "01", "check digit")]
    [InlineData("(01)0950600013435", "01", "exactly 14")]
    [InlineData("(00)106141411234567890", "00", "check digit")]
    [InlineData("(01)09506000134352(21)ab cd", "21", "character set 82")]
    [InlineData("(01)09506000134352(99)X", "", "not a supported")]
    [InlineData("(01)09506000134352(21)A(21)B", "21", "twice")]
    public void Malformed_codes_name_the_ai_and_the_reason(string input, string ai, string reason)
    {
        var error = Assert.Throws<Gs1FormatException>(() => Gs1Code.Parse(input, ReferenceYear)).Error;

        Assert.Equal(ai, error.Ai);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_gs_after_a_variable_field_is_reported_at_the_overflow()
    {
        // A 21-character serial: the scanner software failed to end it with GS, or glued on the next field.
        var input = "]d2010847000699154121" + new string('7', 21);
        var error = Assert.Throws<Gs1FormatException>(() => Gs1Code.Parse(input, ReferenceYear)).Error;

        Assert.Equal("21", error.Ai);
        Assert.Equal(3 + 16 + 2 + 20, error.Position);
        Assert.Contains("GS separator", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Digital_link_with_qualifiers_and_query_attributes_parses()
    {
        var code = Gs1Code.Parse("https://example.com/dl/01/9506000134352/10/AB%2F1/21/X1?17=250200&linkType=gs1:pip", ReferenceYear);

        Assert.Equal("09506000134352", code.Gtin!.Value.Value);
        Assert.Equal("AB/1", code.Lot);
        Assert.Equal("X1", code.Serial);
        Assert.Equal(new DateOnly(2025, 2, 28), code.Expiry);
    }

    [Fact]
    public void Digital_link_qualifiers_out_of_order_are_refused()
    {
        var error = Assert.Throws<Gs1FormatException>(() => Gs1Code.Parse("https://id.gs1.org/01/09506000134352/21/X1/10/L1", ReferenceYear)).Error;
        Assert.Equal("10", error.Ai);
    }

    [Fact]
    public void Unknown_symbology_identifier_is_refused_at_position_0()
    {
        var error = Assert.Throws<Gs1FormatException>(() => Gs1Code.Parse("]Z9010950600013435", ReferenceYear)).Error;
        Assert.Equal(0, error.Position);
    }

    [Fact]
    public void Valid_codes_round_trip_through_every_form() =>
        ValidCodes.Sample(elements =>
        {
            var bracketed = string.Concat(elements.Select(e => $"({e.Ai}){e.Value}"));
            var code = Gs1Code.Parse(bracketed, ReferenceYear);
            var fromScanner = Gs1Code.Parse(code.ToScannerString(), ReferenceYear);
            var fromLink = Gs1Code.Parse(code.ToDigitalLink(), ReferenceYear);
            return Same(code, fromScanner) && Same(code, Gs1Code.Parse(code.ToBracketed(), ReferenceYear))
                && code.Elements.OrderBy(e => e.Ai).SequenceEqual(fromLink.Elements.OrderBy(e => e.Ai));
        }, iter: 2_000);

    [Fact]
    public void Arbitrary_input_only_ever_raises_the_gs1_error() =>
        Gen.OneOf(
                Gen.String[Gen.Char["()0123456789]dQC12\u001dA/%?=&:."], 0, 60],
                Gen.String,
                ValidCodes.Select(e => "]d2" + string.Concat(e.Select(x => x.Ai + x.Value + Gs)) + "~"))
            .Sample(input =>
            {
                try
                {
                    Gs1Code.Parse(input, ReferenceYear);
                    Gs1Code.Parse("https://id.gs1.org/" + input, ReferenceYear);
                }
                catch (Gs1FormatException)
                {
                }

                return true;
            }, iter: 20_000);

    private static bool Same(Gs1Code a, Gs1Code b) => a.Elements.SequenceEqual(b.Elements);

    private static readonly Gen<string> Set82 = Gen.String[Gen.Char["ABCXYZabcxyz0123456789-./_!%&*+,:;<=>?"], 1, 20];

    private static readonly Gen<Gs1Element[]> ValidCodes =
        Gen.Select(
            Gen.Long[0, 9_999_999_999_999L],
            Set82,
            Set82,
            Gen.Int[0, 99],
            Gen.Int[1, 12],
            Gen.Int[0, 28])
        .Select((body, serial, lot, yy, mm, dd) =>
        {
            var digits = body.ToString("D13", System.Globalization.CultureInfo.InvariantCulture);
            var gtin = digits + Gs1CheckDigit.Compute(digits);
            return new[]
            {
                new Gs1Element("01", gtin),
                new Gs1Element("21", serial),
                new Gs1Element("17", $"{yy:00}{mm:00}{dd:00}"),
                new Gs1Element("10", lot),
            };
        });
}
