using System.Text;

namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// GS1 Digital Link URIs: <c>https://host[/prefix]/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}][?17=YYMMDD&amp;…]</c>
/// (or <c>/00/{sscc}</c>). Path values are percent-decoded; numeric query keys are AIs, others
/// (linkType and the like) are ignored.
/// </summary>
internal static class Gs1DigitalLinkParser
{
    private static readonly string[] GtinQualifiers = ["22", "10", "21"];

    public static Gs1Code Parse(string input, int referenceYear)
    {
        var schemeEnd = input.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = input.IndexOf('/', schemeEnd);
        if (pathStart < 0 || pathStart == schemeEnd)
        {
            throw Fail(string.Empty, schemeEnd, "a Digital Link needs a host and a path such as /01/{gtin}");
        }

        var queryStart = input.IndexOf('?', pathStart);
        var pathEnd = queryStart < 0 ? input.Length : queryStart;
        var segments = Segments(input, pathStart, pathEnd);
        var keyAt = segments.FindIndex(s => s.Text is "01" or "00");
        if (keyAt < 0 || keyAt + 1 >= segments.Count)
        {
            throw Fail(string.Empty, pathStart, "the path holds no primary key: expected /01/{gtin} or /00/{sscc}");
        }

        var elements = new List<(string Ai, string Value, int Position)>();
        var key = segments[keyAt].Text;
        var keyValue = Decode(segments[keyAt + 1]);
        if (key == "01" && keyValue.Length is 8 or 12 or 13)
        {
            keyValue = keyValue.PadLeft(14, '0');
        }

        elements.Add((key, keyValue, segments[keyAt + 1].Position));
        var allowed = key == "01" ? GtinQualifiers : [];
        var next = 0;
        for (var i = keyAt + 2; i < segments.Count; i += 2)
        {
            var ai = segments[i].Text;
            var order = Array.IndexOf(allowed, ai);
            if (order < next || i + 1 >= segments.Count)
            {
                throw Fail(ai, segments[i].Position, key == "01"
                    ? "after /01/{gtin} the path may hold only /22/, /10/ and /21/, in that order, each with a value"
                    : "an SSCC takes no path qualifiers");
            }

            next = order + 1;
            elements.Add((ai, Decode(segments[i + 1]), segments[i + 1].Position));
        }

        if (queryStart >= 0)
        {
            ReadQuery(input, queryStart + 1, elements);
        }

        return Gs1ElementStringParser.Build(elements, referenceYear);
    }

    public static string Render(Gs1Code code, string baseUri)
    {
        var text = new StringBuilder(baseUri.TrimEnd('/'));
        var key = code.Elements.FirstOrDefault(e => e.Ai is "01" or "00")
            ?? throw new InvalidOperationException("A Digital Link needs a GTIN or an SSCC.");
        text.Append('/').Append(key.Ai).Append('/').Append(key.Value);
        if (key.Ai == "01")
        {
            foreach (var qualifier in GtinQualifiers)
            {
                if (code.Elements.FirstOrDefault(e => e.Ai == qualifier) is { } element)
                {
                    text.Append('/').Append(qualifier).Append('/').Append(Uri.EscapeDataString(element.Value));
                }
            }
        }

        var separator = '?';
        foreach (var element in code.Elements.Where(e => e != key && !(key.Ai == "01" && GtinQualifiers.Contains(e.Ai))))
        {
            text.Append(separator).Append(element.Ai).Append('=').Append(Uri.EscapeDataString(element.Value));
            separator = '&';
        }

        return text.ToString();
    }

    private static void ReadQuery(string input, int start, List<(string Ai, string Value, int Position)> elements)
    {
        var position = start;
        foreach (var pair in input[start..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            if (name.Length > 0 && Gs1CheckDigit.IsDigits(name))
            {
                if (!Gs1AiTable.TryGet(name, out _))
                {
                    throw Fail(string.Empty, position, $"'{name}' is not a supported application identifier");
                }

                elements.Add((name, Decode(new Segment(equals < 0 ? string.Empty : pair[(equals + 1)..], position + equals + 1)), position + equals + 1));
            }

            position += pair.Length + 1;
        }
    }

    private static List<Segment> Segments(string input, int start, int end)
    {
        var segments = new List<Segment>();
        var position = start + 1;
        foreach (var part in input[(start + 1)..end].Split('/'))
        {
            segments.Add(new Segment(part, position));
            position += part.Length + 1;
        }

        return segments;
    }

    private static string Decode(Segment segment)
    {
        try
        {
            return Uri.UnescapeDataString(segment.Text);
        }
        catch (UriFormatException)
        {
            throw Fail(string.Empty, segment.Position, "bad percent-encoding");
        }
    }

    private static Gs1FormatException Fail(string ai, int position, string reason) => new(new Gs1Error(ai, position, reason));

    private readonly record struct Segment(string Text, int Position);
}
