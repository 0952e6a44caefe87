namespace SiteAudit.Core;

/// <summary>A problem in a user's input file, located so that it can be fixed: "file:line: problem".</summary>
public sealed record InputProblem(string File, int Line, string Problem)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Problem}" : $"{File}: {Problem}";
}

/// <summary>Bad input (profile, sites file, options). The CLI maps it to exit code 2.</summary>
public sealed class InputException : Exception
{
    public IReadOnlyList<InputProblem> Problems { get; }

    public InputException(IReadOnlyList<InputProblem> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public InputException(string file, int line, string problem) : this([new InputProblem(file, line, problem)]) { }
}
