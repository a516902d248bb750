namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// Why a GS1 input was refused: the application identifier concerned (empty when none could be
/// read), the zero-based character position in the input, a one-line reason, and the verifier
/// signal it maps to: <see cref="MalformedCode"/> or <see cref="CheckDigit"/>.
/// </summary>
public sealed record Gs1Error(string Ai, int Position, string Reason, string Signal = Gs1Error.MalformedCode)
{
    public const string MalformedCode = "malformed_code";
    public const string CheckDigit = "check_digit";

    public override string ToString() =>
        Ai.Length == 0 ? $"at position {Position}: {Reason}" : $"AI ({Ai}) at position {Position}: {Reason}";
}
