using YamlDotNet.RepresentationModel;

namespace SiteAudit.Core.Profiles;

/// <summary>
/// The profile keys of the content rules: `veto` (单项否决 thresholds), `interpretation` (政策解读) and `departments`
/// (部门信息公开 units). Each is a mapping merged key by key over the parent's (`extends`); `key: null` switches the
/// parent's off. Format and meaning: profiles/README.md.
/// </summary>
internal static class ProfileContentKeys
{
    public static void Read(YamlInputReader r, YamlFields f, ProfileDraft d)
    {
        d.Veto = ReadMapping(r, f, "veto", ProfileLoader.VetoKeys, (fields, draft) =>
        {
            foreach (var key in new[] { "homepageDays", "staleColumns", "longUnupdatedDays", "longUnupdatedColumns", "emptyColumns" })
                draft.Put(fields, key, fields.Int(key, min: 1));
            draft.Put(fields, "staleClasses", fields.StringList("staleClasses"));
        });
        d.Interpretation = ReadMapping(r, f, "interpretation", ProfileLoader.InterpretationKeys, (fields, draft) =>
        {
            draft.Put(fields, "documentColumns", fields.StringList("documentColumns"));
            draft.Put(fields, "lagDays", fields.Int("lagDays", min: 0));
            draft.Put(fields, "workingDays", fields.Bool("workingDays"));
            draft.Put(fields, "exemptTitles", fields.StringList("exemptTitles"));
        });
        d.Departments = ReadMapping(r, f, "departments", ProfileLoader.DepartmentKeys, (fields, draft) =>
        {
            draft.Put(fields, "names", fields.StringList("names"));
            draft.Put(fields, "profile", fields.String("profile"));
        });
    }

    private static SettingsDraft? ReadMapping(YamlInputReader r, YamlFields f, string key, IReadOnlyList<string> keys,
        Action<YamlFields, SettingsDraft> read)
    {
        if (!f.Has(key)) return null;
        if (!f.HasValue(key)) return new SettingsDraft { Line = f.LineOf(key), Disabled = true };
        if (f.Mapping(key) is not { } node) return null;
        var fields = r.Fields(node, keys);
        var draft = new SettingsDraft { Line = f.LineOf(key) };
        read(fields, draft);
        return draft;
    }

    public static (VetoSettings?, InterpretationSettings?, DepartmentSettings?) Build(
        YamlInputReader r, ProfileDraft d, Profile? parent, IReadOnlyList<ColumnSpec> columns, IReadOnlyDictionary<string, int> freshness)
    {
        var veto = BuildVeto(r, d.Veto, parent?.Veto, freshness);
        var interpretation = BuildInterpretation(r, d.Interpretation, parent?.Interpretation, columns);
        var departments = BuildDepartments(r, d.Departments, parent?.Departments);
        return (veto, interpretation, departments);
    }

    private static VetoSettings? BuildVeto(YamlInputReader r, SettingsDraft? draft, VetoSettings? parent, IReadOnlyDictionary<string, int> freshness)
    {
        if (draft is null) return parent is null ? null : CheckClasses(parent, 0);
        if (draft.Disabled) return null;
        int Int(string key, int? inherited) => draft.Get<int?>(key) ?? inherited ?? Missing<int>(r, draft, "veto", key);
        var classes = draft.Get<IReadOnlyList<string>>("staleClasses") ?? parent?.StaleClasses ?? Missing<IReadOnlyList<string>>(r, draft, "veto", "staleClasses");
        var settings = new VetoSettings(
            Int("homepageDays", parent?.HomepageDays), Int("staleColumns", parent?.StaleColumns), classes ?? [],
            Int("longUnupdatedDays", parent?.LongUnupdatedDays), Int("longUnupdatedColumns", parent?.LongUnupdatedColumns),
            Int("emptyColumns", parent?.EmptyColumns));
        return CheckClasses(settings, draft.LineOf("staleClasses"));

        VetoSettings CheckClasses(VetoSettings v, int line)
        {
            foreach (var cls in v.StaleClasses.Where(c => !freshness.ContainsKey(c)))
                r.Report(line > 0 ? line : draft?.Line ?? 0,
                    $"veto.staleClasses 中的 freshness 类 “{cls}” 未定义（已定义：{(freshness.Count == 0 ? "无" : string.Join(", ", freshness.Keys))}）");
            return v;
        }
    }

    private static InterpretationSettings? BuildInterpretation(YamlInputReader r, SettingsDraft? draft, InterpretationSettings? parent,
        IReadOnlyList<ColumnSpec> columns)
    {
        InterpretationSettings? settings;
        var line = 0;
        if (draft is null) settings = parent;
        else if (draft.Disabled) return null;
        else
        {
            var documents = draft.Get<IReadOnlyList<string>>("documentColumns") ?? parent?.DocumentColumns
                ?? Missing<IReadOnlyList<string>>(r, draft, "interpretation", "documentColumns") ?? [];
            settings = new InterpretationSettings(
                documents,
                draft.Has("lagDays") ? draft.Get<int?>("lagDays") : parent?.LagDays,
                draft.Get<bool?>("workingDays") ?? parent?.WorkingDays ?? false,
                draft.Get<IReadOnlyList<string>>("exemptTitles") ?? parent?.ExemptTitles ?? []);
            line = draft.LineOf("documentColumns");
        }
        if (settings is null) return null;
        var ids = columns.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in settings.DocumentColumns.Where(id => !ids.Contains(id)))
            r.Report(line > 0 ? line : draft?.Line ?? 0, $"interpretation.documentColumns 中的 “{id}” 不是本配置中的栏目 id");
        return settings;
    }

    private static DepartmentSettings? BuildDepartments(YamlInputReader r, SettingsDraft? draft, DepartmentSettings? parent)
    {
        if (draft is null) return parent;
        if (draft.Disabled) return null;
        var names = draft.Get<IReadOnlyList<string>>("names") ?? parent?.Names ?? Missing<IReadOnlyList<string>>(r, draft, "departments", "names") ?? [];
        if (names.Count == 0 && draft.Has("names")) r.Report(draft.LineOf("names"), "departments.names 不能为空：至少写一个名称，例如 部门信息公开");
        var profile = draft.Get<string>("profile") ?? parent?.Profile ?? Missing<string>(r, draft, "departments", "profile") ?? "";
        return new DepartmentSettings(names, profile, draft.Has("profile") ? draft.LineOf("profile") : parent?.Line ?? draft.Line);
    }

    private static T? Missing<T>(YamlInputReader r, SettingsDraft draft, string section, string key)
    {
        r.Report(draft.Line, $"{section} 缺少字段 “{key}”（没有上级配置可以继承）");
        return default;
    }
}

/// <summary>One of the content-rule mappings as written: its values by key (null: not stated) and their lines.</summary>
internal sealed class SettingsDraft
{
    private readonly Dictionary<string, (object? Value, int Line)> _values = new(StringComparer.Ordinal);

    public int Line;

    /// <summary>Written as `key: null`: the parent's settings are switched off.</summary>
    public bool Disabled;

    public void Put(YamlFields fields, string key, object? value)
    {
        if (fields.Has(key)) _values[key] = (value, fields.LineOf(key));
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public T? Get<T>(string key) => _values.TryGetValue(key, out var v) && v.Value is T t ? t : default;

    public int LineOf(string key) => _values.TryGetValue(key, out var v) ? v.Line : 0;
}
