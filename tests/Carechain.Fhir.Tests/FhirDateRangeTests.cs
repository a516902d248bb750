using Carechain.Fhir.Search;

namespace Carechain.Fhir.Tests;

public sealed class FhirDateRangeTests
{
    private static FhirDateRange Parse(string text)
    {
        Assert.True(FhirDateRange.TryParse(text, out var range), text);
        return range;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    [Fact]
    public void Each_precision_covers_its_whole_span()
    {
        Assert.Equal(new FhirDateRange(Utc(2024, 1, 1), Utc(2025, 1, 1)), Parse("2024"));
        Assert.Equal(new FhirDateRange(Utc(2024, 2, 1), Utc(2024, 3, 1)), Parse("2024-02"));
        Assert.Equal(new FhirDateRange(Utc(2024, 2, 29), Utc(2024, 3, 1)), Parse("2024-02-29"));
        Assert.Equal(new FhirDateRange(Utc(2024, 2, 29, 10, 30), Utc(2024, 2, 29, 10, 31)), Parse("2024-02-29T10:30Z"));
        Assert.Equal(new FhirDateRange(Utc(2024, 2, 29, 10, 30, 5), Utc(2024, 2, 29, 10, 30, 6)), Parse("2024-02-29T10:30:05Z"));
        var millis = Parse("2024-02-29T10:30:05.250Z");
        Assert.Equal(Utc(2024, 2, 29, 10, 30, 5).AddMilliseconds(250), millis.Start);
        Assert.Equal(TimeSpan.FromMilliseconds(1), millis.End - millis.Start);
    }

    [Fact]
    public void Offsets_are_honoured()
    {
        Assert.Equal(Utc(2024, 3, 5, 8, 0), Parse("2024-03-05T10:00:00+02:00").Start.ToUniversalTime());
        Assert.Equal(Utc(2024, 3, 5, 15, 30), Parse("2024-03-05T10:00:00-05:30").Start.ToUniversalTime());
    }

    [Theory]
    [InlineData("")]
    [InlineData("24")]
    [InlineData("2023-02-29")]
    [InlineData("2024-13")]
    [InlineData("2024-00-10")]
    [InlineData("2024-04-31")]
    [InlineData("2024-01-01T25:00Z")]
    [InlineData("2024-01-01T10:60Z")]
    [InlineData("2024-01-01T10:00:61Z")]
    [InlineData("2024-01-01T10:00+15:00")]
    [InlineData("2024-01-01 10:00")]
    [InlineData("0000")]
    [InlineData("２０２４")]
    [InlineData("2024-01-01T10")]
    public void Malformed_dates_are_refused(string text)
    {
        Assert.False(FhirDateRange.TryParse(text, out _));
    }

    [Fact]
    public void Open_periods_reach_to_the_ends_of_time()
    {
        var from = FhirDateRange.Between(Parse("2024"), null);

        Assert.Equal(Utc(2024, 1, 1), from.Start);
        Assert.Equal(DateTimeOffset.MaxValue, from.End);
    }
}
