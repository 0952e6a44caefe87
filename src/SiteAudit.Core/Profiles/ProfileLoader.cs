using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SiteAudit.Core.Profiles;

/// <summary>
/// Reads one profile file (format: profiles/README.md) and applies it over its already resolved parent
/// (`extends`). Finding files, `extends` chains, cycles and caching are <see cref="ProfileCatalog"/>'s job.
/// Every problem goes to the <see cref="YamlInputReader"/> with the line of the offending node.
/// </summary>
public static partial class ProfileLoader
{
    public static readonly IReadOnlyList<string> ProfileKeys =
        ["id", "name", "extends", "kind", "annualReportDeadline", "freshness", "section", "columns", "veto", "interpretation", "departments"];

    public static readonly IReadOnlyList<string> SectionKeys = ["names", "urlHints"];

    public static readonly IReadOnlyList<string> ColumnKeys =
        ["id", "name", "aliases", "urlHints", "required", "freshness", "parent", "remove", "minItems", "standardCatalog"];

    public static readonly IReadOnlyList<string> VetoKeys =
        ["homepageDays", "staleColumns", "staleClasses", "longUnupdatedDays", "longUnupdatedColumns", "emptyColumns"];

    public static readonly IReadOnlyList<string> InterpretationKeys = ["documentColumns", "lagDays", "workingDays", "exemptTitles"];

    public static readonly IReadOnlyList<string> DepartmentKeys = ["names", "profile"];

    public const string GovernmentDeadline = "03-31";
    public const string DepartmentDeadline = "01-31";

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d{2}-\d{2}$")]
    private static partial Regex DeadlinePattern();

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>The deadline by kind (DOMAIN.md §4): 01-31 for departments, 03-31 for governments.</summary>
    public static string DefaultDeadline(string kind) => kind == ProfileKinds.Department ? DepartmentDeadline : GovernmentDeadline;

    /// <summary>
    /// Parses the text of one profile file; null only when it is not a YAML mapping at all.
    /// <paramref name="expectedId"/> (the file name, for files in a catalog directory) must equal `id`.
    /// </summary>
    internal static ProfileDraft? Parse(YamlInputReader r, string text, string? expectedId)
    {
        if (r.ParseMapping(text) is not { } root) return null;
        var f = r.Fields(root, ProfileKeys);
        var d = new ProfileDraft { File = r.File, Line = f.Line };

        d.Id = f.String("id", required: true);
        if (d.Id is not null && !IsValidId(d.Id))
        {
            r.Report(f.LineOf("id"), $"id “{d.Id}” 格式不对：只能用小写字母、数字和 -");
            d.Id = null;
        }
        else if (d.Id is not null && expectedId is not null && d.Id != expectedId)
            r.Report(f.LineOf("id"), $"id “{d.Id}” 应与文件名一致（{expectedId}.yaml 的 id 应为 “{expectedId}”）");
        d.Name = f.String("name", required: true);

        d.Extends = f.String("extends");
        d.ExtendsLine = f.LineOf("extends");

        d.Kind = f.String("kind");
        if (d.Kind is not null and not (ProfileKinds.Government or ProfileKinds.Department))
        {
            r.Report(f.LineOf("kind"), $"kind “{d.Kind}” 无效：应为 {ProfileKinds.Government}（政府门户）或 {ProfileKinds.Department}（部门网站）");
            d.Kind = null;
        }

        d.Deadline = f.String("annualReportDeadline");
        if (d.Deadline is not null && !IsValidDeadline(d.Deadline))
        {
            r.Report(f.LineOf("annualReportDeadline"),
                $"annualReportDeadline “{d.Deadline}” 无效：应为 MM-DD 格式的有效日期，例如 \"03-31\"");
            d.Deadline = null;
        }

        if (f.Mapping("freshness") is { } freshness) ReadFreshness(r, freshness, d.Freshness);

        if (f.Mapping("section") is { } sectionNode)
        {
            var section = r.Fields(sectionNode, SectionKeys);
            d.SectionLine = section.Line;
            if (section.Has("names"))
            {
                d.SectionNames = section.StringList("names") ?? [];
                d.SectionNamesLine = section.LineOf("names");
            }
            d.SectionHints = section.StringList("urlHints");
        }
        else d.SectionLine = f.LineOf("section");

        if (f.Sequence("columns") is { } columns) ReadColumns(r, columns, d.Columns);
        ProfileContentKeys.Read(r, f, d);
        return d;
    }

    private static void ReadFreshness(YamlInputReader r, YamlMappingNode node, List<KeyValuePair<string, int>> into)
    {
        foreach (var (keyNode, valueNode) in node.Children)
        {
            var name = r.AsString(keyNode, "freshness 的类名");
            if (name is null) continue;
            if (!IsValidId(name))
            {
                r.Report(keyNode, $"freshness 类名 “{name}” 格式不对：只能用小写字母、数字和 -");
                continue;
            }
            var days = r.AsInt(valueNode, $"freshness “{name}” 的天数", min: 1);
            if (days is null && YamlInputReader.IsNull(valueNode))
                r.Report(keyNode, $"freshness “{name}” 缺少天数（正整数）");
            if (days is { } n) into.Add(new(name, n));
        }
    }

    private static void ReadColumns(YamlInputReader r, YamlSequenceNode node, List<ColumnDraft> into)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in node.Children)
        {
            if (item is not YamlMappingNode map)
            {
                r.Report(item, $"columns 的每一项应为映射（id: …, name: …），实际为{YamlInputReader.Describe(item)}");
                continue;
            }
            var f = r.Fields(map, ColumnKeys);
            var c = new ColumnDraft { Line = f.Line };
            c.Id = f.String("id", required: true);
            if (c.Id is not null && !IsValidId(c.Id))
            {
                r.Report(f.LineOf("id"), $"栏目 id “{c.Id}” 格式不对：只能用小写字母、数字和 -");
                c.Id = null;
            }
            if (c.Id is not null && !seen.TryAdd(c.Id, c.Line))
            {
                r.Report(f.LineOf("id"), $"栏目 id “{c.Id}” 重复（第 {seen[c.Id]} 行已有）");
                c.Id = null;
            }
            c.Name = f.String("name");
            c.NameStated = f.Has("name");
            if (c.NameStated && c.Name is null && f.Value("name") is YamlScalarNode)
                r.Report(f.LineOf("name"), "字段 “name” 不能为空");
            c.Aliases = f.StringList("aliases");
            c.UrlHints = f.StringList("urlHints");
            c.Required = f.Bool("required");
            c.Remove = f.Bool("remove") ?? false;
            c.MinItems = f.Int("minItems", min: 1);
            c.StandardCatalog = f.StringList("standardCatalog");
            if (f.Has("freshness"))
            {
                c.FreshnessStated = true;
                c.Freshness = f.String("freshness");
                c.FreshnessLine = f.LineOf("freshness");
            }
            if (f.Has("parent"))
            {
                c.ParentStated = true;
                c.Parent = f.String("parent");
                c.ParentLine = f.LineOf("parent");
            }
            if (c.Id is not null) into.Add(c);
        }
    }

    private static bool IsValidDeadline(string value) =>
        DeadlinePattern().IsMatch(value)
        // A year that is not a leap year: a deadline must exist every year, so 02-29 is refused.
        && DateTime.TryParseExact("2023-" + value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>
    /// Applies <paramref name="d"/> over <paramref name="parent"/> (null: no `extends`) and checks what only the
    /// merged profile shows (undefined freshness classes, unknown parents, missing names, section names).
    /// Returns null when this file has problems.
    /// </summary>
    internal static Profile? Build(YamlInputReader r, ProfileDraft d, Profile? parent)
    {
        var kind = d.Kind ?? parent?.Kind ?? ProfileKinds.Government;
        // A child that changes the kind gets that kind's deadline unless it names one.
        var deadline = d.Deadline
            ?? (parent is not null && kind == parent.Kind ? parent.AnnualReportDeadline : DefaultDeadline(kind));

        var freshness = new Dictionary<string, int>(parent?.FreshnessDays ?? new Dictionary<string, int>(), StringComparer.Ordinal);
        foreach (var (name, days) in d.Freshness) freshness[name] = days;

        var sectionNames = d.SectionNames ?? parent?.Section.Names ?? [];
        if (sectionNames.Count == 0)
        {
            if (d.SectionNames is not null) r.Report(d.SectionNamesLine, "section.names 不能为空：至少写一个栏目名称，例如 政府信息公开");
            else r.Report(d.SectionLine > 0 ? d.SectionLine : d.Line, "缺少 section.names：用来在首页上找到政府信息公开栏目的名称");
        }
        var section = new SectionSpec(sectionNames, d.SectionHints ?? parent?.Section.UrlHints ?? []);

        var columns = MergeColumns(r, d, parent, out var removedAt);
        CheckColumns(r, d, columns, freshness, removedAt);
        var specs = columns.Select(c => c.ToSpec()).ToList();
        var (veto, interpretation, departments) = ProfileContentKeys.Build(r, d, parent, specs, freshness);

        if (r.HasProblems || d.Id is null || d.Name is null) return null;
        return new Profile(d.Id, d.Name, kind, d.File, deadline, section, specs, freshness, veto, interpretation, departments);
    }

    private static List<ColumnState> MergeColumns(YamlInputReader r, ProfileDraft d, Profile? parent, out Dictionary<string, int> removedAt)
    {
        var columns = (parent?.Columns ?? []).Select(ColumnState.Inherited).ToList();
        removedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in d.Columns)
        {
            var id = entry.Id!;
            var existing = columns.FindIndex(c => c.Id == id);
            if (entry.Remove)
            {
                if (existing >= 0)
                {
                    columns.RemoveAt(existing);
                    removedAt[id] = entry.Line;
                }
                else if (parent is null)
                    r.Report(entry.Line, $"栏目 “{id}”：remove 只能用于 extends 了其他配置的文件");
                else
                    r.Report(entry.Line, $"栏目 “{id}”：要删除的栏目在上级配置 {parent.Id} 中不存在");
                continue;
            }
            if (existing < 0)
            {
                if (entry.Name is null && !entry.NameStated)
                    r.Report(entry.Line, $"栏目 “{id}” 缺少字段 “name”（新栏目必须写标准名称）");
                columns.Add(new ColumnState { Id = id, Name = entry.Name ?? id, Line = entry.Line });
                existing = columns.Count - 1;
            }
            columns[existing].Apply(entry);
        }
        return columns;
    }

    private static void CheckColumns(YamlInputReader r, ProfileDraft d, List<ColumnState> columns,
        IReadOnlyDictionary<string, int> freshness, Dictionary<string, int> removedAt)
    {
        var byId = columns.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var orphansOfRemoved = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in columns)
        {
            if (c.Freshness is { } cls && c.FreshnessLine > 0 && !freshness.ContainsKey(cls))
                r.Report(c.FreshnessLine, freshness.Count == 0
                    ? $"栏目 “{c.Id}” 的 freshness “{cls}” 未定义：配置中没有 freshness 类"
                    : $"栏目 “{c.Id}” 的 freshness “{cls}” 未定义（已定义：{string.Join(", ", freshness.Keys)}）");

            if (c.Parent is not { } parentId) continue;
            if (parentId == c.Id)
                r.Report(c.ParentLine > 0 ? c.ParentLine : c.Line, $"栏目 “{c.Id}” 的 parent 不能是它自己");
            else if (!byId.ContainsKey(parentId))
            {
                if (c.ParentLine > 0)
                    r.Report(c.ParentLine, $"栏目 “{c.Id}” 的 parent “{parentId}” 不是本配置中的栏目 id");
                else
                    (orphansOfRemoved.TryGetValue(parentId, out var list) ? list : orphansOfRemoved[parentId] = []).Add(c.Id);
            }
            else if (c.ParentLine > 0 && InParentCycle(c, byId))
                r.Report(c.ParentLine, $"栏目 “{c.Id}” 的 parent 形成循环");
        }
        foreach (var (parentId, children) in orphansOfRemoved)
            r.Report(removedAt.GetValueOrDefault(parentId, d.ExtendsLine),
                $"删除了栏目 “{parentId}”，但这些栏目仍以它为 parent：{string.Join(", ", children)}（一并删除它们，或改写它们的 parent）");
    }

    private static bool InParentCycle(ColumnState start, Dictionary<string, ColumnState> byId)
    {
        var current = start;
        for (var steps = 0; steps < byId.Count; steps++)
        {
            if (current.Parent is null || !byId.TryGetValue(current.Parent, out var next)) return false;
            if (next == start) return true;
            current = next;
        }
        return false;
    }

    /// <summary>A column while the chain is applied; the *Line fields are set only where this file states the value.</summary>
    private sealed class ColumnState
    {
        public required string Id;
        public required string Name;
        public IReadOnlyList<string> Aliases = [];
        public IReadOnlyList<string> UrlHints = [];
        public bool Required;
        public string? Freshness;
        public string? Parent;
        public int Line;
        public int FreshnessLine;
        public int ParentLine;
        public int? MinItems;
        public IReadOnlyList<string>? StandardCatalog;

        public static ColumnState Inherited(ColumnSpec c) => new()
        {
            Id = c.Id, Name = c.Name, Aliases = c.Aliases, UrlHints = c.UrlHints, Required = c.Required,
            Freshness = c.Freshness, Parent = c.Parent, Line = c.Line, MinItems = c.MinItems, StandardCatalog = c.StandardCatalog,
        };

        public void Apply(ColumnDraft e)
        {
            Line = e.Line;
            if (e.Name is not null) Name = e.Name;
            if (e.Aliases is not null) Aliases = e.Aliases;
            if (e.UrlHints is not null) UrlHints = e.UrlHints;
            if (e.Required is { } required) Required = required;
            if (e.FreshnessStated) (Freshness, FreshnessLine) = (e.Freshness, e.FreshnessLine);
            if (e.ParentStated) (Parent, ParentLine) = (e.Parent, e.ParentLine);
            if (e.MinItems is { } min) MinItems = min;
            if (e.StandardCatalog is not null) StandardCatalog = e.StandardCatalog;
        }

        public ColumnSpec ToSpec() => new(Id, Name, Aliases, UrlHints, Required, Freshness, Parent, Line, MinItems, StandardCatalog);
    }
}

/// <summary>What one profile file states, before `extends` is applied (null: not stated).</summary>
internal sealed class ProfileDraft
{
    public required string File;
    public int Line;
    public string? Id;
    public string? Name;
    public string? Extends;
    public int ExtendsLine;
    public string? Kind;
    public string? Deadline;
    public readonly List<KeyValuePair<string, int>> Freshness = [];
    public int SectionLine;
    public IReadOnlyList<string>? SectionNames;
    public int SectionNamesLine;
    public IReadOnlyList<string>? SectionHints;
    public readonly List<ColumnDraft> Columns = [];
    public SettingsDraft? Veto;
    public SettingsDraft? Interpretation;
    public SettingsDraft? Departments;
}

/// <summary>One entry of `columns` as written (null: not stated, so inherited when it overrides a parent's column).</summary>
internal sealed class ColumnDraft
{
    public string? Id;
    public int Line;
    public string? Name;
    public bool NameStated;
    public IReadOnlyList<string>? Aliases;
    public IReadOnlyList<string>? UrlHints;
    public bool? Required;
    public bool Remove;
    public bool FreshnessStated;
    public string? Freshness;
    public int FreshnessLine;
    public bool ParentStated;
    public string? Parent;
    public int ParentLine;
    public int? MinItems;
    public IReadOnlyList<string>? StandardCatalog;
}
