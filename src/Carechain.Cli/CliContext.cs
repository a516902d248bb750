using System.CommandLine;
using System.Text.Json;
using Carechain.Client;
using Spectre.Console;

namespace Carechain.Cli;

/// <summary>
/// What one command invocation works with: its parsed arguments, its output streams and whether it
/// speaks JSON. In JSON mode stdout receives exactly one compact JSON object, always as the last line;
/// in human mode stdout receives Spectre.Console output. Errors always go to stderr as one line.
/// </summary>
internal sealed class CliContext
{
    private IAnsiConsole? _ui;

    public CliContext(ParseResult parse, bool json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        Parse = parse;
        Json = json;
        CancellationToken = cancellationToken;
        Out = parse.InvocationConfiguration.Output;
        Error = parse.InvocationConfiguration.Error;
    }

    public ParseResult Parse { get; }

    public bool Json { get; }

    public CancellationToken CancellationToken { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>The node URL the command connected to, for the "unreachable" message.</summary>
    public string? NodeUrl { get; private set; }

    /// <summary>True when stdout is a terminal a person is watching (so progress displays make sense).</summary>
    public bool IsInteractive => !Json && ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Spectre.Console over stdout; plain text without ANSI codes unless stdout is a terminal.</summary>
    public IAnsiConsole Ui => _ui ??= CreateConsole(Out, ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected, InteractionSupport.No);

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    public NodeConnection Connect(string url)
    {
        var connection = NodeConnection.Open(url);
        NodeUrl = url;
        return connection;
    }

    /// <summary>Writes a command's result: <paramref name="json"/> as one line in JSON mode, otherwise <paramref name="human"/>.</summary>
    public void Emit<T>(T json, Action<IAnsiConsole> human)
    {
        ArgumentNullException.ThrowIfNull(human);
        if (Json)
        {
            Out.WriteLine(JsonSerializer.Serialize(json, CarechainJson.Wire));
        }
        else
        {
            human(Ui);
        }
    }

    /// <summary>Reports a failure: one <c>error:</c> line on stderr and, in JSON mode, an error object on stdout.</summary>
    public int Fail(int exitCode, string code, string message)
    {
        var line = CliText.OneLine(message);
        Error.WriteLine($"error: {line}");
        if (Json)
        {
            Out.WriteLine(JsonSerializer.Serialize(new CliError(line, code, exitCode), CarechainJson.Wire));
        }

        return exitCode;
    }

    /// <summary>Asks for a secret on the terminal (echo hidden), writing the prompt to stderr so stdout stays clean.</summary>
    public async Task<string> PromptSecretAsync(string prompt)
    {
        if (Console.IsInputRedirected)
        {
            throw CliException.Usage("a passphrase is needed but there is no terminal to ask on; use --passphrase-env NAME");
        }

        // Input comes from the keyboard even when stderr is redirected, so the prompt is always interactive.
        var console = CreateConsole(Error, terminal: ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected, InteractionSupport.Yes);
        var question = new TextPrompt<string>(Markup.Escape(prompt)).Secret();
        return await console.PromptAsync(question, CancellationToken);
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal, InteractionSupport interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive,
        });
        if (!terminal)
        {
            // Piped output is read by programs: never wrap a 64-character hash across lines.
            console.Profile.Width = 1024;
        }

        return console;
    }

    private sealed record CliError(string Error, string Code, int ExitCode);
}
