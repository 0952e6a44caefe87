using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SiteAudit.Core.Profiles;

/// <summary>
/// Reads a user's YAML file (profile, sites file) through YamlDotNet's representation model, so that every value
/// keeps its line, and collects the problems (file, 1-based line, message in Chinese) instead of stopping at the
/// first one. Values of the wrong shape are reported and read as absent, so one run shows every mistake.
/// </summary>
public sealed class YamlInputReader
{
    private readonly List<InputProblem> _problems = [];

    /// <param name="file">The file's path as the user gave it: it names the file in every problem.</param>
    public YamlInputReader(string file) => File = file;

    public string File { get; }

    public IReadOnlyList<InputProblem> Problems => _problems;

    public bool HasProblems => _problems.Count > 0;

    public void Report(int line, string problem) => _problems.Add(new InputProblem(File, line, problem));

    public void Report(YamlNode? node, string problem) => Report(LineOf(node), problem);

    /// <summary>The 1-based line where <paramref name="node"/> starts; 0 without a node.</summary>
    public static int LineOf(YamlNode? node) => node is null ? 0 : (int)node.Start.Line;

    /// <summary>
    /// Parses <paramref name="text"/> as one YAML document whose root is a mapping; null (with the problem
    /// reported) for a syntax error, an empty file, or a root that is a list or a single value.
    /// </summary>
    public YamlMappingNode? ParseMapping(string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner && !string.IsNullOrEmpty(inner.Message)
                ? $"{e.Message}（{inner.Message}）"
                : e.Message;
            Report((int)e.Start.Line, $"YAML 语法错误：{message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3's scanner throws this, without a position, on e.g. an unclosed [ or { followed by
            // "key: value" lines; the last node it read is where the unclosed construct goes wrong.
            Report(parser.Current is { } last ? (int)last.Start.Line : 0,
                "YAML 语法错误：无法解析此处之后的内容（常见原因：[ 或 { 没有闭合，或引号没有闭合）");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            Report(0, "文件为空：应为 YAML 映射（key: value）");
            return null;
        }
        if (stream.Documents.Count > 1)
            Report(stream.Documents[1].RootNode, "文件只能包含一个 YAML 文档（多余的 --- 之后的内容不会读取）");
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode map) return map;
        Report(root, $"文件的顶层应为映射（key: value），实际为{Describe(root)}");
        return null;
    }

    /// <summary>
    /// The entries of <paramref name="map"/> by key. Reports keys not in <paramref name="allowed"/> (naming the
    /// allowed ones, and the closest one when it looks like a typo) and keys that are not plain strings.
    /// </summary>
    public YamlFields Fields(YamlMappingNode map, IReadOnlyList<string> allowed)
    {
        var entries = new Dictionary<string, KeyValuePair<YamlNode, YamlNode>>(StringComparer.Ordinal);
        foreach (var entry in map.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key } || IsNull(entry.Key))
            {
                Report(entry.Key, $"字段名应为字符串，实际为{Describe(entry.Key)}");
                continue;
            }
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                var problem = $"未知字段 “{key}”（可用字段：{string.Join(", ", allowed)}）";
                if (Closest(key, allowed) is { } guess) problem += $"；是否应为 “{guess}”？";
                Report(entry.Key, problem);
                continue;
            }
            entries[key] = entry;
        }
        return new YamlFields(this, map, entries);
    }

    /// <summary>YAML's null: an empty value, <c>~</c> or <c>null</c> written without quotes.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>How a node looks, for messages: 列表, 映射, or the value in quotes.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "列表",
        YamlMappingNode => "映射",
        _ when IsNull(node) => "空值",
        YamlScalarNode s => $"“{s.Value}”",
        _ => "别名",
    };

    /// <summary>A string value (trimmed); reported and null when the node is a list or a mapping.</summary>
    public string? AsString(YamlNode node, string what)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Value: { } value }) return value.Trim();
        Report(node, $"{what}应为字符串，实际为{Describe(node)}");
        return null;
    }

    /// <summary>A boolean: only YAML's <c>true</c>/<c>false</c> (unquoted; yes/no/on/off are not booleans in YAML 1.2).</summary>
    public bool? AsBool(YamlNode node, string what)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v })
        {
            if (v is "true" or "True" or "TRUE") return true;
            if (v is "false" or "False" or "FALSE") return false;
        }
        Report(node, $"{what}应为 true 或 false（只接受不带引号的 YAML 布尔值 true/false），实际为{Describe(node)}");
        return null;
    }

    /// <summary>A whole number of at least <paramref name="min"/>.</summary>
    public int? AsInt(YamlNode node, string what, int min = int.MinValue)
    {
        if (IsNull(node)) return null;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: { } v }
            && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min)
            return n;
        var expected = min == 1 ? "正整数" : min == 0 ? "非负整数" : "整数";
        Report(node, $"{what}应为{expected}，实际为{Describe(node)}");
        return null;
    }

    /// <summary>A list of non-empty strings; items of another shape are reported and skipped.</summary>
    public IReadOnlyList<string>? AsStringList(YamlNode node, string what)
    {
        if (IsNull(node)) return null;
        if (node is not YamlSequenceNode seq)
        {
            Report(node, $"{what}应为列表（例如 [甲, 乙]），实际为{Describe(node)}");
            return null;
        }
        var list = new List<string>(seq.Children.Count);
        for (var i = 0; i < seq.Children.Count; i++)
        {
            var item = seq.Children[i];
            var itemWhat = $"{what}的第 {i + 1} 项";
            if (IsNull(item) || item is YamlScalarNode { Value: { } blank } && string.IsNullOrWhiteSpace(blank))
                Report(item, $"{itemWhat}为空");
            else if (AsString(item, itemWhat) is { } s)
                list.Add(s);
        }
        return list;
    }

    /// <summary>The allowed key closest to a misspelt one (edit distance ≤ 2, or same letters ignoring case), if any.</summary>
    private static string? Closest(string key, IReadOnlyList<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var d = string.Equals(candidate, key, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(key, candidate);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        return bestDistance <= 2 ? best : null;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus swaps of neighbours: requried → required is 1).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}

/// <summary>
/// The known keys of one YAML mapping, read with <see cref="YamlInputReader"/>: each getter reports a value of the
/// wrong shape (at the value's line) and returns null for it, as for an absent or null value.
/// </summary>
public sealed class YamlFields
{
    private readonly YamlInputReader _reader;
    private readonly Dictionary<string, KeyValuePair<YamlNode, YamlNode>> _entries;

    internal YamlFields(YamlInputReader reader, YamlMappingNode node, Dictionary<string, KeyValuePair<YamlNode, YamlNode>> entries)
    {
        _reader = reader;
        Node = node;
        _entries = entries;
    }

    public YamlMappingNode Node { get; }

    /// <summary>The line where the mapping starts (its first key).</summary>
    public int Line => YamlInputReader.LineOf(Node);

    /// <summary>Whether the key is written, even with a null value.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Whether the key is written with a non-null value.</summary>
    public bool HasValue(string key) => Value(key) is { } v && !YamlInputReader.IsNull(v);

    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var e) ? e.Value : null;

    /// <summary>The line of the key (where a problem about its value is shown); the mapping's line when absent.</summary>
    public int LineOf(string key) => _entries.TryGetValue(key, out var e) ? YamlInputReader.LineOf(e.Key) : Line;

    /// <summary>The line of the value when it has one of its own (a block list starts below its key), else the key's.</summary>
    public int ValueLineOf(string key) =>
        _entries.TryGetValue(key, out var e) && !YamlInputReader.IsNull(e.Value) ? YamlInputReader.LineOf(e.Value) : LineOf(key);

    public string? String(string key, bool required = false)
    {
        var value = Get(key, required) is { } node ? _reader.AsString(node, Field(key)) : null;
        if (required && value is { Length: 0 }) _reader.Report(LineOf(key), $"字段 “{key}” 不能为空");
        return value is { Length: 0 } ? null : value;
    }

    public bool? Bool(string key) => Get(key) is { } node ? _reader.AsBool(node, Field(key)) : null;

    public int? Int(string key, int min = int.MinValue) => Get(key) is { } node ? _reader.AsInt(node, Field(key), min) : null;

    public IReadOnlyList<string>? StringList(string key) => Get(key) is { } node ? _reader.AsStringList(node, Field(key)) : null;

    /// <summary>A nested mapping (reported when the value has another shape).</summary>
    public YamlMappingNode? Mapping(string key, bool required = false) => Shaped<YamlMappingNode>(key, required, "映射（key: value）");

    /// <summary>A nested list (reported when the value has another shape).</summary>
    public YamlSequenceNode? Sequence(string key, bool required = false) => Shaped<YamlSequenceNode>(key, required, "列表");

    private T? Shaped<T>(string key, bool required, string expected) where T : YamlNode
    {
        if (Get(key, required) is not { } node || YamlInputReader.IsNull(node)) return null;
        if (node is T shaped) return shaped;
        _reader.Report(node, $"{Field(key)}应为{expected}，实际为{YamlInputReader.Describe(node)}");
        return null;
    }

    /// <summary>The value node; reports a missing or null required one.</summary>
    private YamlNode? Get(string key, bool required = false)
    {
        var node = Value(key);
        if (required && (node is null || YamlInputReader.IsNull(node)))
            _reader.Report(LineOf(key), node is null ? $"缺少字段 “{key}”" : $"字段 “{key}” 不能为空");
        return node;
    }

    private static string Field(string key) => $"字段 “{key}” ";
}
