using System.Globalization;
using Spectre.Console;

namespace Carechain.Cli;

/// <summary>
/// Human output: name/value grids and tables. Values are rendered as plain <see cref="Text"/> (never
/// parsed as markup) and made one-line first, because many come from the node or from other users.
/// </summary>
internal static class Display
{
    /// <summary>One row per field; fields whose value is null are left out.</summary>
    public static void Fields(IAnsiConsole console, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in fields)
        {
            if (value is null)
            {
                continue;
            }

            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(Format(value)));
        }

        console.Write(grid);
    }

    public static void Table(IAnsiConsole console, string[] headers, IEnumerable<string?[]> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(cell => new Text(Format(cell)))]);
        }

        console.Write(table);
    }

    public static void Line(IAnsiConsole console, string text) => console.Write(new Text(CliText.OneLine(text) + "\n"));

    private static string Format(object? value) => value switch
    {
        null => "-",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => CliText.OneLine(value.ToString()),
    };
}
