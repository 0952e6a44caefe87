namespace SiteAudit.Tests;

/// <summary>
/// The shared test corpus (../shared/corpus beside the repository). It is never copied into the repo (some of it
/// carries no licence); a test that needs it and cannot find it fails with a message saying so.
/// </summary>
public static class CorpusFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                // The repo root has SiteAudit.sln; shared/ sits beside it.
                if (!File.Exists(Path.Combine(dir.FullName, "SiteAudit.sln"))) continue;
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new InvalidOperationException(
                "TEST CORPUS MISSING: ../shared/corpus was not found beside the repository. These tests read real saved portal pages " +
                "from it; check out the shared folder next to the repo (CI has it).");
        }
    }

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts)
    {
        var path = PathOf(parts);
        if (!File.Exists(path)) throw new InvalidOperationException($"TEST CORPUS FILE MISSING: {path}");
        return File.ReadAllText(path);
    }
}
