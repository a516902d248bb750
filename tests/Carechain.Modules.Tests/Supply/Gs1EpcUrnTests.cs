using System.Globalization;
using Carechain.Modules.Supply.Gs1;
using CsCheck;

namespace Carechain.Modules.Tests.Supply;

/// <summary>EPC pure-identity URNs (GS1 TDS) as EPCIS documents carry them: parsed, refused precisely, and round-tripped.</summary>
public sealed class Gs1EpcUrnTests
{
    private const int ReferenceYear = 2026;

    [Fact]
    public void An_sgtin_urn_names_the_gtin_with_its_computed_check_digit_and_the_serial()
    {
        var code = Gs1Code.Parse("urn:epc:id:sgtin:9506000.013435.A%2F1.2", ReferenceYear);

        Assert.Equal("09506000134352", code.Gtin!.Value.Value);
        Assert.Equal("A/1.2", code.Serial);
        Assert.Equal("urn:epc:id:sgtin:9506000.013435.A%2F1.2", code.ToEpcUrn(7));
        Assert.Equal("(01)09506000134352(21)A/1.2", code.ToBracketed());
    }

    [Fact]
    public void An_sscc_urn_and_an_lgtin_urn_parse()
    {
        var pallet = Gs1Code.Parse("urn:epc:id:sscc:9506000.1000000001", ReferenceYear);
        var lot = Gs1Code.Parse("urn:epc:class:lgtin:950600.0013435.LOT-7", ReferenceYear);

        Assert.Equal("19506000000000001", pallet.Sscc!.Value.Value[..17]);
        Assert.True(Gs1CheckDigit.IsValid(pallet.Sscc!.Value.Value));
        Assert.Equal("urn:epc:id:sscc:9506000.1000000001", pallet.ToEpcUrn(7));
        Assert.Equal(("09506000134352", "LOT-7", (string?)null), (lot.Gtin!.Value.Value, lot.Lot, lot.Serial));
    }

    [Theory]
    [InlineData("urn:epc:id:sgtin:9506000.013435", "01")]
    [InlineData("urn:epc:id:sgtin:95060.00134352.X", "01")]
    [InlineData("urn:epc:id:sgtin:9506000.01343.X", "01")]
    [InlineData("urn:epc:id:sgtin:95o6000.013435.X", "01")]
    [InlineData("urn:epc:id:sgtin:9506000.013435.%zz", "21")]
    [InlineData("urn:epc:id:sgtin:9506000.013435.", "21")]
    [InlineData("urn:epc:id:sscc:9506000.100000000", "00")]
    [InlineData("urn:epc:id:sgln:9506000.13435.0", "")]
    public void Malformed_urns_are_refused_naming_the_ai(string urn, string ai)
    {
        var error = Assert.Throws<Gs1FormatException>(() => Gs1Code.Parse(urn, ReferenceYear)).Error;

        Assert.Equal(ai, error.Ai);
        Assert.InRange(error.Position, 0, urn.Length);
    }

    [Fact]
    // Parentheses are in set 82 but would open an AI in the bracketed form the sample starts from.
    public void Packs_round_trip_through_the_urn_for_every_company_prefix_length() =>
        Gen.Select(Gen.Long[0, 9_999_999_999_999L], Gen.String[Gen.Char["ABCXYZabcxyz0123456789-./_!%&*+,:;<=>?\"'"], 1, 20], Gen.Int[6, 12])
            .Sample((body, serial, prefixLength) =>
            {
                var digits = body.ToString("D13", CultureInfo.InvariantCulture);
                var code = Gs1Code.Parse($"(01){digits}{Gs1CheckDigit.Compute(digits)}(21){serial}", ReferenceYear);
                var urn = code.ToEpcUrn(prefixLength);
                var back = Gs1Code.Parse(urn, ReferenceYear);
                return back.Elements.SequenceEqual(code.Elements) && urn.StartsWith("urn:epc:id:sgtin:" + digits.Substring(1, prefixLength) + "." + digits[0], StringComparison.Ordinal);
            }, iter: 2_000);

    [Fact]
    public void Arbitrary_urn_text_only_ever_raises_the_gs1_error() =>
        Gen.String[Gen.Char["0123456789.%AZaz:sgtinc"], 0, 40].Sample(tail =>
        {
            foreach (var scheme in new[] { "urn:epc:id:sgtin:", "urn:epc:id:sscc:", "urn:epc:class:lgtin:", "urn:epc:" })
            {
                try
                {
                    Gs1Code.Parse(scheme + tail, ReferenceYear);
                }
                catch (Gs1FormatException)
                {
                }
            }

            return true;
        }, iter: 10_000);
}
