namespace Carechain.Modules.Supply.Gs1;

/// <summary>
/// One application identifier: its code, its data format, and whether its length is predefined
/// (then it never needs an FNC1/GS separator after it).
/// </summary>
public sealed record Gs1ApplicationIdentifier(string Code, string Title, Gs1AiKind Kind, int MinLength, int MaxLength, bool Predefined);
