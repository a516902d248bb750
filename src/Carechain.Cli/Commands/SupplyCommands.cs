using System.CommandLine;
using Carechain.Modules.Supply.Gs1;
using Spectre.Console;

namespace Carechain.Cli.Commands;

/// <summary><c>carechain supply …</c>: the drug supply chain. <c>supply parse</c> reads a GS1 barcode offline.</summary>
internal static class SupplyCommands
{
    /// <summary>Ways people type the invisible GS separator on a command line.</summary>
    private static readonly string[] GroupSeparatorSpellings = ["<GS>", "{GS}", "\\x1d", "\\x1D", "\\u001d", "\\u001D"];

    public static Command Create()
    {
        var supply = new Command("supply", "Drug supply chain: GS1 barcodes, packs and their custody");
        supply.Add(CreateParse());
        foreach (var command in SupplyCatalogueCommands.Create().Concat(SupplyCustodyCommands.Create()))
        {
            supply.Add(command);
        }

        supply.Add(SupplyVerifyCommand.Create());
        supply.Add(SupplyAlertsCommand.Create());
        return supply;
    }

    private static Command CreateParse()
    {
        var barcode = new Argument<string>("barcode")
        {
            Description = "A scanned GS1 code (]d2…, GS as the byte 0x1D or written <GS>), the bracketed form (01)…(21)…, or a GS1 Digital Link URI",
        };
        var json = CommonOptions.Json();
        var command = new Command("parse", "Parse and check a GS1 barcode offline: GTIN, serial, lot, expiry") { barcode, json };
        CommandRunner.SetAction(command, json, context =>
        {
            var input = context.Value(barcode)!;
            foreach (var spelling in GroupSeparatorSpellings)
            {
                input = input.Replace(spelling, Gs1Code.GroupSeparator.ToString(), StringComparison.Ordinal);
            }

            if (!Gs1Code.TryParse(input, DateTime.UtcNow.Year, out var code, out var error))
            {
                return Task.FromResult(context.Fail(ExitCodes.Failed, error!.Signal, error.ToString()));
            }

            var result = new
            {
                gtin = code!.Gtin?.Value,
                serial = code.Serial,
                lot = code.Lot,
                expiry = code.Expiry?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                sscc = code.Sscc?.Value,
                elements = code.Elements.Select(e => new { ai = e.Ai, value = e.Value }).ToArray(),
                bracketed = code.ToBracketed(),
                digitalLink = code.Gtin is not null || code.Sscc is not null ? code.ToDigitalLink() : null,
            };
            context.Emit(result, ui =>
            {
                var table = new Table().AddColumn("AI").AddColumn("meaning").AddColumn("value");
                foreach (var element in code.Elements)
                {
                    table.AddRow(element.Ai, Gs1AiTable.Get(element.Ai).Title, Markup.Escape(element.Value));
                }

                ui.Write(table);
                if (result.expiry is not null)
                {
                    ui.WriteLine($"expiry {result.expiry}");
                }
            });
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
