using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace SiteAudit.Host.Worker;

/// <summary>
/// The worker's output folder (CONTRACT.md "Worker"): every run's reports in <c>runs/&lt;run-id&gt;/</c>, and
/// <c>latest</c> showing the newest complete run. A run writes into a hidden staging folder first, which is renamed
/// to its id when the run ends, so <c>runs/</c> only ever holds whole reports. <c>latest</c> is a symbolic link
/// (<c>latest → runs/&lt;id&gt;</c>) swapped by one rename, so readers never see it missing or half-written; where
/// the file system has no symbolic links it is a copy.
/// </summary>
public sealed partial class RunFolders(string output)
{
    public const string RunsFolder = "runs";
    public const string LatestName = "latest";
    private const string StagingPrefix = ".incoming-";

    public string Output { get; } = Path.GetFullPath(output);
    public string Runs => Path.Combine(Output, RunsFolder);
    public string Latest => Path.Combine(Output, LatestName);

    public string RunFolder(string runId) =>
        IsRunId(runId) ? Path.Combine(Runs, runId) : throw new ArgumentException($"'{runId}' is not a run id.", nameof(runId));

    /// <summary>A new empty hidden folder for a run whose id is not known yet.</summary>
    public string NewStaging()
    {
        var path = Path.Combine(Runs, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Moves a finished run's staging folder to runs/&lt;id&gt; (replacing an older copy of that run).</summary>
    public string Publish(string staging, string runId)
    {
        var target = RunFolder(runId);
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(staging, target);
        return target;
    }

    /// <summary>Leftover staging folders (a run killed mid-write) and a half-made latest are deleted.</summary>
    public void CleanUp()
    {
        if (!Directory.Exists(Runs)) return;
        foreach (var dir in Directory.EnumerateDirectories(Runs, StagingPrefix + "*")) TryDelete(dir);
        foreach (var entry in Directory.EnumerateFileSystemEntries(Output, LatestName + ".tmp-*")) TryDelete(entry);
    }

    public void TryDelete(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || File.Exists(path)) File.Delete(path);
            else if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a leftover is harmless and retried next time
        }
    }

    /// <summary>Deletes the output folder of a pruned run.</summary>
    public void DeleteRun(string runId)
    {
        if (IsRunId(runId)) TryDelete(Path.Combine(Runs, runId));
    }

    /// <summary>Makes latest show runs/&lt;id&gt;.</summary>
    public void PointLatestAt(string runId)
    {
        var source = RunFolder(runId);
        if (OperatingSystem.IsWindows())
        {
            CopyLatest(source);
            return;
        }
        var temp = Path.Combine(Output, $"{LatestName}.tmp-{Guid.NewGuid():N}");
        try
        {
            File.CreateSymbolicLink(temp, Path.Combine(RunsFolder, runId)); // relative: the folder may be mounted elsewhere
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            CopyLatest(source);
            return;
        }
        if (Directory.Exists(Latest) && new DirectoryInfo(Latest).LinkTarget is null)
            Directory.Delete(Latest, recursive: true); // a copy made earlier: links from now on
        // rename(2) replaces the old link in one step (File.Move would follow the link to the folder it names).
        if (rename(temp, Latest) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            TryDelete(temp);
            throw new IOException($"Cannot point {Latest} at {source} (rename failed, errno {errno}).");
        }
    }

    [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

    /// <summary>The run latest shows, or null.</summary>
    public string? LatestRunId()
    {
        var info = new DirectoryInfo(Latest);
        if (info.LinkTarget is { } target) return Path.GetFileName(target.TrimEnd('/', '\\'));
        var marker = Path.Combine(Latest, ".run-id");
        return File.Exists(marker) ? File.ReadAllText(marker).Trim() : null;
    }

    private void CopyLatest(string source)
    {
        var temp = Path.Combine(Output, $"{LatestName}.tmp-{Guid.NewGuid():N}");
        CopyDirectory(source, temp);
        File.WriteAllText(Path.Combine(temp, ".run-id"), Path.GetFileName(source));
        var old = Path.Combine(Output, $"{LatestName}.tmp-{Guid.NewGuid():N}");
        if (Directory.Exists(Latest)) Directory.Move(Latest, old);
        Directory.Move(temp, Latest);
        TryDelete(old);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.EnumerateDirectories(from)) CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>A store run id (20261122-180000-3f9a): safe as a folder name and in a URL.</summary>
    public static bool IsRunId(string? value) => value is not null && RunIdPattern().IsMatch(value);

    [GeneratedRegex(@"^[0-9]{8}-[0-9]{6}-[0-9a-f]{4}$")]
    private static partial Regex RunIdPattern();
}
