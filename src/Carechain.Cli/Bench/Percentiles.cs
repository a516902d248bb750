namespace Carechain.Cli.Bench;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of the values (sorted in place); 0 when empty.</summary>
    public static double Of(double[] values, double percentile)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        Array.Sort(values);
        var rank = (int)Math.Ceiling(percentile / 100 * values.Length) - 1;
        return values[Math.Clamp(rank, 0, values.Length - 1)];
    }
}
