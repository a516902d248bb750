namespace Carechain.Modules.Supply.Gs1;

/// <summary>Reads scanner strings (symbology identifier, FNC1 as GS) and bracketed strings into elements.</summary>
internal static class Gs1ElementStringParser
{
    /// <summary>Symbology identifiers of GS1 carriers: DataMatrix, GS1-128, QR, DataBar.</summary>
    private static readonly string[] Symbologies = ["]d2", "]C1", "]Q3", "]e0"];

    public static Gs1Code Parse(string input, int referenceYear)
    {
        var position = 0;
        if (input.StartsWith(']'))
        {
            if (!Symbologies.Any(s => input.StartsWith(s, StringComparison.Ordinal)))
            {
                throw Fail(string.Empty, 0, "unknown symbology identifier; GS1 codes start ]d2, ]C1, ]Q3 or ]e0");
            }

            position = 3;
        }

        // FNC1 in first position is sometimes transmitted as a GS character.
        if (position < input.Length && input[position] == Gs1Code.GroupSeparator)
        {
            position++;
        }

        if (position >= input.Length)
        {
            throw Fail(string.Empty, position, "the code holds no data");
        }

        var elements = input[position] == '(' ? ReadBracketed(input, position) : ReadRaw(input, position);
        return Build(elements, referenceYear);
    }

    internal static Gs1Code Build(List<(string Ai, string Value, int Position)> elements, int referenceYear)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (ai, value, at) in elements)
        {
            if (Gs1Values.Check(Gs1AiTable.Get(ai), value, at, referenceYear) is { } error)
            {
                throw new Gs1FormatException(error);
            }

            if (!seen.TryAdd(ai, value))
            {
                throw Fail(ai, at, "the AI appears twice");
            }
        }

        return new Gs1Code(elements.Select(e => new Gs1Element(e.Ai, e.Value)).ToArray(), referenceYear);
    }

    private static List<(string, string, int)> ReadRaw(string input, int position)
    {
        var elements = new List<(string, string, int)>();
        while (position < input.Length)
        {
            var ai = ReadAi(input, position);
            var start = position + ai.Code.Length;
            string value;
            if (ai.Predefined)
            {
                if (input.Length - start < ai.MaxLength)
                {
                    throw Fail(ai.Code, start, $"{ai.Title} needs {ai.MaxLength} characters; only {Math.Max(0, input.Length - start)} remain");
                }

                value = input.Substring(start, ai.MaxLength);
                position = start + ai.MaxLength;
            }
            else
            {
                var end = input.IndexOf(Gs1Code.GroupSeparator, start);
                end = end < 0 ? input.Length : end;
                value = input[start..end];
                if (value.Length > ai.MaxLength)
                {
                    throw Fail(ai.Code, start + ai.MaxLength, $"{ai.Title} runs past its {ai.MaxLength} characters: is a GS separator missing after it?");
                }

                position = end;
            }

            elements.Add((ai.Code, value, start));

            // A separator after a fixed-length field is tolerated; one after a variable field ends it.
            if (position < input.Length && input[position] == Gs1Code.GroupSeparator)
            {
                position++;
            }
        }

        return elements;
    }

    private static List<(string, string, int)> ReadBracketed(string input, int position)
    {
        var elements = new List<(string, string, int)>();
        while (position < input.Length)
        {
            if (input[position] != '(')
            {
                throw Fail(string.Empty, position, "expected '(' and an application identifier");
            }

            var close = input.IndexOf(')', position);
            if (close < 0)
            {
                throw Fail(string.Empty, position, "the '(' is never closed");
            }

            var code = input.AsSpan(position + 1, close - position - 1);
            if (!Gs1AiTable.TryGet(code, out var ai))
            {
                throw Fail(string.Empty, position + 1, $"'{code}' is not a supported application identifier");
            }

            var start = close + 1;
            var end = NextBracketedAi(input, start);
            elements.Add((ai.Code, input[start..end], start));
            position = end;
        }

        return elements;
    }

    /// <summary>
    /// The next "(" followed by two to four digits and ")": that always opens an AI (known or not),
    /// so a value may hold parentheses but never a digits-only group, which would be ambiguous.
    /// </summary>
    private static int NextBracketedAi(string input, int from)
    {
        for (var i = input.IndexOf('(', from); i >= 0; i = input.IndexOf('(', i + 1))
        {
            var close = input.IndexOf(')', i);
            if (close - i - 1 is >= 2 and <= 4 && Gs1CheckDigit.IsDigits(input.AsSpan(i + 1, close - i - 1)))
            {
                return i;
            }
        }

        return input.Length;
    }

    private static Gs1ApplicationIdentifier ReadAi(string input, int position)
    {
        for (var length = 2; length <= 4 && position + length <= input.Length; length++)
        {
            if (Gs1AiTable.TryGet(input.AsSpan(position, length), out var ai))
            {
                return ai;
            }
        }

        var shown = input.Substring(position, Math.Min(4, input.Length - position));
        throw Fail(string.Empty, position, Gs1CheckDigit.IsDigits(shown)
            ? $"'{shown}' does not start a supported application identifier"
            : "expected an application identifier (digits)");
    }

    private static Gs1FormatException Fail(string ai, int position, string reason) => new(new Gs1Error(ai, position, reason));
}
