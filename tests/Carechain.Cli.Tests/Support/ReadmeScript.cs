using System.Text;
using System.Text.RegularExpressions;

namespace Carechain.Cli.Tests.Support;

/// <summary>
/// The shell a README section is written in, as much of it as the section uses, so a test runs the
/// very lines a new user copies: <c>sh</c> code blocks of one section; <c>NAME=value</c> and
/// <c>export</c> (exported names become unique environment variables, for <c>--passphrase-env</c>);
/// <c>;</c>; <c>for x in a b; do …; done</c>; <c>$X</c>/<c>${X}</c> outside single quotes;
/// <c>X=$(carechain …)</c>; <c>carechain …</c> run in-process; <c>curl [-s] [-N] [-H "K: V"] URL</c>
/// as a GET. Relative <c>*.json</c>/<c>*.seed</c> paths resolve in <see cref="WorkDirectory"/>. A
/// comment line right after a command is what the command prints.
/// </summary>
internal sealed partial class ReadmeScript(string workDirectory, HttpClient http, IReadOnlyDictionary<string, string> fixedVariables)
{
    private readonly Dictionary<string, string> _variables = new(fixedVariables, StringComparer.Ordinal);
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public string WorkDirectory { get; } = workDirectory;

    /// <summary>Every command run, in order, with what it printed, and the comment line after it (null when none).</summary>
    public List<(string Line, CliResult Result, string? Expected)> Ran { get; } = [];

    /// <summary>What each curl line answered: the body, or for a stream its media type.</summary>
    public List<(string Url, string Body)> Fetched { get; } = [];

    /// <summary>The unique environment variable that stands for the exported <paramref name="name"/>.</summary>
    public string Exported(string name) => _environment[name];

    /// <summary>Runs one <c>carechain</c> line of the section again, with <paramref name="extra"/> arguments appended (e.g. <c>--json</c>).</summary>
    public Task<CliResult> RerunAsync(string line, params string[] extra) => CarechainAsync([.. Words(line), .. extra]);

    /// <summary>The shell lines of the <c>sh</c> blocks under the README heading <paramref name="heading"/>, up to the next heading of that level.</summary>
    public static IReadOnlyList<string> Section(string readme, string heading)
    {
        var lines = readme.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.IndexOf(lines, heading);
        Assert.True(start >= 0, $"the README has no heading '{heading}'");
        var level = heading[..(heading.IndexOf(' ', StringComparison.Ordinal) + 1)];
        var script = new List<string>();
        var inBlock = false;
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith(level, StringComparison.Ordinal); i++)
        {
            if (lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock && lines[i] == "```sh";
            }
            else if (inBlock)
            {
                script.Add(lines[i]);
            }
        }

        return script;
    }

    public async Task RunAsync(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var expected = i + 1 < lines.Count && lines[i + 1].TrimStart().StartsWith("# ", StringComparison.Ordinal) ? lines[i + 1].TrimStart()[2..] : null;
            if (ForLoop().Match(line) is { Success: true } loop)
            {
                foreach (var value in Words(loop.Groups["words"].Value))
                {
                    _variables[loop.Groups["name"].Value] = value;
                    foreach (var statement in Split(loop.Groups["body"].Value, ';'))
                    {
                        await StatementAsync(line, statement.Trim(), expected);
                    }
                }

                continue;
            }

            foreach (var statement in Split(line, ';').Select(p => p.Trim()).Where(p => p.Length > 0))
            {
                await StatementAsync(line, statement, expected);
            }
        }
    }

    private async Task StatementAsync(string line, string statement, string? expected)
    {
        if (Assignment().Match(statement) is { Success: true } assignment)
        {
            await AssignAsync(line, assignment.Groups["export"].Success, assignment.Groups["name"].Value, assignment.Groups["value"].Value);
            return;
        }

        var words = Words(statement);
        switch (words[0])
        {
            case "carechain":
                Ran.Add((line, await CarechainAsync(words), expected));
                break;
            case "curl":
                await CurlAsync(words);
                break;
            default:
                throw new InvalidOperationException($"the README runs '{words[0]}', which this test does not know: {line}");
        }
    }

    private async Task AssignAsync(string line, bool export, string name, string value)
    {
        if (fixedVariables.ContainsKey(name))
        {
            return;
        }

        if (value.StartsWith("$(", StringComparison.Ordinal) && value.EndsWith(')'))
        {
            var result = await CarechainAsync(Words(value[2..^1]));
            result.AssertOk();
            Ran.Add((line, result, null));
            _variables[name] = result.Out.Trim();
            return;
        }

        _variables[name] = Words(value).Single();
        if (export)
        {
            _environment[name] = Harness.Variable(_variables[name]);
        }
    }

    private async Task<CliResult> CarechainAsync(List<string> words)
    {
        var args = new List<string>();
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            args.Add(i > 1 && words[i - 1] == "--passphrase-env" && _environment.TryGetValue(word, out var unique) ? unique
                : RelativeFile().IsMatch(word) ? Path.Combine(WorkDirectory, word)
                : word);
        }

        return await Harness.RunAsync([.. args]);
    }

    private async Task CurlAsync(List<string> words)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, words[^1]);
        var stream = false;
        for (var i = 1; i < words.Count - 1; i++)
        {
            if (words[i] == "-H")
            {
                var header = words[++i];
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
            }
            else
            {
                stream |= words[i].Contains('N', StringComparison.Ordinal);
            }
        }

        // A stream (-N) never ends: it is checked by its status and media type, then closed.
        using var response = await http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
        Assert.True(response.IsSuccessStatusCode, $"curl {words[^1]}: {(int)response.StatusCode}");
        Fetched.Add((words[^1], stream ? response.Content.Headers.ContentType?.MediaType ?? string.Empty : await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The words of a command as the shell makes them: quotes removed, variables expanded, a trailing comment dropped.</summary>
    private List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#' && word.Length == 0 && !any)
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                if (any)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    any = false;
                }

                continue;
            }

            any = true;
            if (c == '\'')
            {
                var end = text.IndexOf('\'', i + 1);
                word.Append(text, i + 1, end - i - 1);
                i = end;
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                word.Append(Expand(text[(i + 1)..end]));
                i = end;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '(')
            {
                var end = text.LastIndexOf(')');
                word.Append(text, i, end - i + 1);
                i = end;
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('\'' or '"'))
                {
                    end++;
                }

                word.Append(Expand(text[i..end]));
                i = end - 1;
            }
        }

        if (any)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private string Expand(string text) => Variable().Replace(text, m =>
    {
        var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
        return _variables.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"${name} is not set");
    });

    /// <summary><paramref name="text"/> split at <paramref name="separator"/> outside quotes, up to a comment.</summary>
    private static List<string> Split(string text, char separator)
    {
        var parts = new List<string>();
        var quote = '\0';
        var start = 0;
        var end = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            if (quote != '\0')
            {
                quote = text[i] == quote ? '\0' : quote;
            }
            else if (text[i] is '\'' or '"')
            {
                quote = text[i];
            }
            else if (text[i] == '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                end = i;
                break;
            }
            else if (text[i] == separator)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..end]);
        return parts;
    }

    [GeneratedRegex(@"^for (?<name>\w+) in (?<words>[^;]+); do (?<body>.+); done$")]
    private static partial Regex ForLoop();

    [GeneratedRegex(@"^(?<export>export )?(?<name>[A-Za-z_]\w*)=(?<value>.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$(\{(?<braced>\w+)\}|(?<plain>[A-Za-z_]\w*))")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^[\w.-]+(/[\w.-]+)*\.(json|seed)$")]
    private static partial Regex RelativeFile();
}
