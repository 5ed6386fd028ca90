namespace Openness.Core.Diagnostics;

/// <summary>One problem in an input file, located precisely enough for a person to fix it.</summary>
public sealed record SourceError(string File, int Line, int Column, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>Thrown when an input file cannot be used; carries every problem found, not just the first.</summary>
public sealed class InputFileException : Exception
{
    public IReadOnlyList<SourceError> Errors { get; }

    public InputFileException(IReadOnlyList<SourceError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
        => Errors = errors;

    public InputFileException(SourceError error) : this(new[] { error }) { }
}
