namespace SiteAudit.Core.Profiles;

/// <summary>
/// The profiles a run can use: `*.yaml` files in the given directories (normally the repository's profiles/),
/// found by id, or any profile file by path. Resolves `extends` chains (detecting cycles), validates, and caches
/// every loaded file, so a sites file naming one profile for a hundred sites reads it once. Thread-safe.
/// </summary>
public sealed class ProfileCatalog
{
    public const string Extension = ".yaml";

    private readonly object _gate = new();
    private readonly Dictionary<string, Loaded> _cache = new(StringComparer.Ordinal);
    private readonly string[] _fullDirectories;

    /// <param name="directories">Folders holding `&lt;id&gt;.yaml` profiles, searched in order (the first holding an id wins).</param>
    public ProfileCatalog(IEnumerable<string> directories)
    {
        Directories = directories.ToList();
        _fullDirectories = Directories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).ToArray();
    }

    public IReadOnlyList<string> Directories { get; }

    /// <summary>The ids of the profile files in the catalog's directories, sorted.</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            return CatalogFiles()
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>
    /// The profile named by <paramref name="idOrPath"/>: an id from the catalog's directories, or a path to a
    /// .yaml file (relative to the folder of <paramref name="relativeToFile"/> when given, else to the current
    /// directory). Throws <see cref="InputException"/> listing every problem of the file and of its parents.
    /// </summary>
    public Profile Resolve(string idOrPath, string? relativeToFile = null)
    {
        var problems = new List<InputProblem>();
        var profile = TryResolve(idOrPath, relativeToFile, relativeToFile ?? "--profile", 0, problems);
        return profile ?? throw new InputException(problems.Distinct().ToList());
    }

    /// <summary>
    /// Like <see cref="Resolve"/> but adds the problems to <paramref name="problems"/>; a profile that cannot be
    /// found is reported at <paramref name="referrerFile"/>:<paramref name="referrerLine"/> (the line naming it).
    /// </summary>
    public Profile? TryResolve(string idOrPath, string? relativeToFile, string referrerFile, int referrerLine, List<InputProblem> problems)
    {
        var path = Locate(idOrPath, relativeToFile, sameFolderFirst: false, out var notFound);
        if (path is null)
        {
            problems.Add(new InputProblem(referrerFile, referrerLine, notFound));
            return null;
        }
        var loaded = Load(path);
        problems.AddRange(loaded.Problems);
        return loaded.Profile;
    }

    /// <summary>
    /// For `profiles validate`: the problems of each given file, or of every *.yaml in the catalog's directories
    /// when none is given (a file's problems include those of the profiles it extends). Empty when all is well.
    /// </summary>
    public IReadOnlyList<InputProblem> Validate(IEnumerable<string>? paths = null)
    {
        var files = paths?.ToList() ?? [];
        var problems = new List<InputProblem>();
        if (files.Count == 0)
        {
            // One missing folder among several is normal (e.g. the app's own profiles/ next to a configured one).
            if (!Directories.Any(Directory.Exists))
                problems.AddRange(Directories.Select(dir => new InputProblem(dir, 0, "配置目录不存在")));
            files = CatalogFiles().ToList();
            if (files.Count == 0 && problems.Count == 0)
                problems.Add(new InputProblem(string.Join(", ", Directories), 0, "没有找到任何配置文件（*.yaml）"));
        }
        foreach (var file in files)
        {
            if (File.Exists(file)) problems.AddRange(Load(file).Problems);
            else problems.Add(new InputProblem(file, 0, "文件不存在"));
        }
        return problems.Distinct().ToList();
    }

    private IEnumerable<string> CatalogFiles() =>
        Directories.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*" + Extension).Order(StringComparer.Ordinal));

    private Loaded Load(string path)
    {
        lock (_gate) return Load(path, []);
    }

    /// <summary>Loads one file and, first, the chain it extends; <paramref name="chain"/> holds the files being loaded.</summary>
    private Loaded Load(string path, List<Frame> chain)
    {
        var full = Path.GetFullPath(path);
        if (_cache.TryGetValue(full, out var cached)) return cached;

        var reader = new YamlInputReader(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reader.Report(0, $"无法读取配置文件：{e.Message}");
            return _cache[full] = new Loaded(null, reader.Problems);
        }

        var inCatalog = _fullDirectories.Contains(Path.GetDirectoryName(full), StringComparer.Ordinal);
        var draft = ProfileLoader.Parse(reader, text, inCatalog ? Path.GetFileNameWithoutExtension(full) : null);
        var frame = new Frame(full, path, reader, draft?.ExtendsLine ?? 0);
        Profile? parent = null;
        var inherited = new List<InputProblem>();
        if (draft?.Extends is { } extends)
        {
            var parentPath = Locate(extends, path, sameFolderFirst: true, out var notFound);
            var parentFull = parentPath is null ? null : Path.GetFullPath(parentPath);
            var cycleStart = chain.FindIndex(f => f.Full == parentFull);
            if (parentPath is null)
                reader.Report(draft.ExtendsLine, "extends：" + notFound);
            else if (parentFull == full || cycleStart >= 0)
                ReportCycle(chain.Skip(cycleStart < 0 ? chain.Count : cycleStart).Append(frame).ToList());
            else
            {
                chain.Add(frame);
                var loaded = Load(parentPath, chain);
                chain.RemoveAt(chain.Count - 1);
                parent = loaded.Profile;
                inherited.AddRange(loaded.Problems);
                if (parent is null && !frame.InCycle)
                    reader.Report(draft.ExtendsLine, $"extends：上级配置 “{extends}” 有错误（{parentPath}）");
            }
        }

        // Without its parent the merged checks would only repeat the parent's problems.
        var profile = draft is not null && (draft.Extends is null || parent is not null)
            ? ProfileLoader.Build(reader, draft, parent)
            : null;
        string? unitsPath = null;
        if (profile?.Departments is { Profile.Length: > 0 } units)
        {
            unitsPath = Locate(units.Profile, path, sameFolderFirst: true, out var unitsNotFound);
            if (unitsPath is null) reader.Report(units.Line, "departments.profile：" + unitsNotFound);
        }
        var result = reader.HasProblems || profile is null
            ? new Loaded(null, reader.Problems.OrderBy(p => p.Line).Concat(inherited).Distinct().ToList())
            : new Loaded(profile, []);
        _cache[full] = result;
        // The department units' profile usually extends this one, so it is loaded once this one is cached.
        if (result.Profile is { Departments: { } departments } loadedProfile && unitsPath is not null)
        {
            var unitProfile = Load(unitsPath, chain).Profile;
            result = new Loaded(loadedProfile with { Departments = departments with { UnitProfile = unitProfile } }, []);
            _cache[full] = result;
        }
        return result;
    }

    /// <summary>Reports the cycle in every file that is part of it, at its `extends` line.</summary>
    private static void ReportCycle(List<Frame> cycle)
    {
        for (var i = 0; i < cycle.Count; i++)
        {
            var order = cycle.Skip(i).Concat(cycle.Take(i + 1)).Select(f => Path.GetFileName(f.Display));
            cycle[i].Reader.Report(cycle[i].ExtendsLine, $"extends 形成循环：{string.Join(" → ", order)}");
            cycle[i].InCycle = true;
        }
    }

    /// <summary>
    /// The file <paramref name="idOrPath"/> names. A path (has a / or \, or ends in .yaml/.yml) is taken relative
    /// to the folder of <paramref name="relativeToFile"/>; an id is looked up in that folder first when
    /// <paramref name="sameFolderFirst"/> (extends), then in the catalog's directories.
    /// </summary>
    private string? Locate(string idOrPath, string? relativeToFile, bool sameFolderFirst, out string notFound)
    {
        var baseDir = relativeToFile is null ? "" : Path.GetDirectoryName(relativeToFile) ?? "";
        if (LooksLikePath(idOrPath))
        {
            var path = Path.IsPathRooted(idOrPath) ? idOrPath : Path.Combine(baseDir, idOrPath);
            notFound = $"找不到配置文件 “{idOrPath}”（{Path.GetFullPath(path)}）";
            return File.Exists(path) ? path : null;
        }
        var folders = sameFolderFirst ? Directories.Prepend(baseDir) : Directories;
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, idOrPath + Extension);
            if (!File.Exists(candidate)) continue;
            notFound = "";
            return candidate;
        }
        var ids = Ids;
        notFound = $"找不到配置 “{idOrPath}”（可用配置：{(ids.Count == 0 ? "无" : string.Join(", ", ids))}；也可以写 .yaml 文件的路径）";
        return null;
    }

    private static bool LooksLikePath(string s) =>
        s.Contains('/') || s.Contains('\\')
        || s.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || s.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private sealed record Loaded(Profile? Profile, IReadOnlyList<InputProblem> Problems);

    private sealed class Frame(string full, string display, YamlInputReader reader, int extendsLine)
    {
        public string Full { get; } = full;
        public string Display { get; } = display;
        public YamlInputReader Reader { get; } = reader;
        public int ExtendsLine { get; } = extendsLine;
        public bool InCycle { get; set; }
    }
}
