using Carechain.Cli.Tests.Support;

namespace Carechain.Cli.Tests;

public sealed class SupplyParseCommandTests
{
    [Theory]
    [InlineData("]d201084700069915412110081996195256\u001d10DXB2005\u001d17220228")]
    [InlineData("]d201084700069915412110081996195256<GS>10DXB2005<GS>17220228")]
    [InlineData("(01)08470006991541(21)10081996195256(10)DXB2005(17)220228")]
    [InlineData("https://id.gs1.org/01/08470006991541/10/DXB2005/21/10081996195256?17=220228")]
    public async Task Every_form_of_one_pack_code_gives_the_same_fields(string barcode)
    {
        var result = await Harness.RunAsync("supply", "parse", barcode, "--json");

        result.AssertOk();
        var json = result.Json();
        Assert.Equal("08470006991541", json.GetProperty("gtin").GetString());
        Assert.Equal("10081996195256", json.GetProperty("serial").GetString());
        Assert.Equal("DXB2005", json.GetProperty("lot").GetString());
        Assert.Equal("2022-02-28", json.GetProperty("expiry").GetString());
    }

    [Fact]
    public async Task Bad_check_digit_exits_non_zero_naming_the_ai_and_position()
    {
        var result = await Harness.RunAsync("supply", "parse", "(01)08470006991542(21)1", "--json");

        var line = result.AssertError(ExitCodes.Failed);
        Assert.Contains("AI (01) at position 17", line, StringComparison.Ordinal);
        Assert.Equal("check_digit", result.Json().GetProperty("code").GetString());
    }

    [Fact]
    public async Task Malformed_date_is_a_malformed_code()
    {
        var result = await Harness.RunAsync("supply", "parse", "(01)08470006991541(17)221301", "--json");

        var line = result.AssertError(ExitCodes.Failed);
        Assert.Contains("AI (17)", line, StringComparison.Ordinal);
        Assert.Equal("malformed_code", result.Json().GetProperty("code").GetString());
    }
}
