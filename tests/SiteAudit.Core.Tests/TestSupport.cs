using SiteAudit.Core;

namespace SiteAudit.Core.Tests;

/// <summary>A fresh folder under the temp directory, deleted afterwards; files are written as UTF-8.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "siteaudit-core-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> (lines joined with \n) to a file below the folder; returns its full path.</summary>
    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ReplaceLineEndings("\n"));
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class TestPaths
{
    /// <summary>The repository root (the folder holding SiteAudit.sln), found by walking up from the test binaries.</summary>
    public static string RepoRoot { get; } = FindUp(AppContext.BaseDirectory, d => File.Exists(Path.Combine(d, "SiteAudit.sln")))
        ?? throw new InvalidOperationException($"SiteAudit.sln not found above {AppContext.BaseDirectory}");

    public static string ProfilesDir => Path.Combine(RepoRoot, "profiles");

    /// <summary>
    /// shared/corpus: a folder holding shared/corpus above the test binaries, or ../shared/corpus next to the
    /// repository. Fails loudly when absent: tests that need the corpus must not pass without it.
    /// </summary>
    public static string Corpus
    {
        get
        {
            var above = FindUp(AppContext.BaseDirectory, d => Directory.Exists(Path.Combine(d, "shared", "corpus")));
            if (above is not null) return Path.Combine(above, "shared", "corpus");
            var sibling = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "corpus"));
            if (Directory.Exists(sibling)) return sibling;
            throw new InvalidOperationException(
                "TEST CORPUS MISSING: no shared/corpus folder above " + AppContext.BaseDirectory + " nor at " + sibling
                + ". These tests parse real third-party data and cannot run without it.");
        }
    }

    private static string? FindUp(string start, Func<string, bool> found)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (found(dir.FullName)) return dir.FullName;
        return null;
    }
}

public static class ProblemAssert
{
    /// <summary>Asserts that a problem at <paramref name="line"/> mentions every one of <paramref name="fragments"/>.</summary>
    public static InputProblem Has(IEnumerable<InputProblem> problems, int line, params string[] fragments)
    {
        var list = problems.ToList();
        var match = list.FirstOrDefault(p => p.Line == line && fragments.All(f => p.Problem.Contains(f, StringComparison.Ordinal)));
        Assert.True(match is not null,
            $"expected a problem at line {line} containing [{string.Join(" | ", fragments)}]; got:\n{string.Join("\n", list)}");
        return match!;
    }
}
