namespace SiteAudit.Host.CommandLine;

/// <summary>Bad command-line usage (exit code 2). The message is for the user, in Chinese.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A verb's arguments: positionals and --name value / --name=value options, each option known to the verb.
/// Written by hand: the verbs and options are few and fixed by the contract, and System.CommandLine is not in the
/// stack.
/// </summary>
public sealed class Arguments
{
    /// <summary>Options that take no value (a verb still lists them among its known options).</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "no-conditional" };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    public List<string> Positionals { get; } = new();
    public bool Help { get; private set; }

    public static Arguments Parse(IEnumerable<string> args, params string[] knownOptions)
    {
        var result = new Arguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg is "-h" or "--help") { result.Help = true; continue; }
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { result.Positionals.Add(arg); continue; }
            var name = arg[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) (name, value) = (name[..eq], name[(eq + 1)..]);
            if (!knownOptions.Contains(name, StringComparer.Ordinal))
                throw new UsageException($"未知选项 --{name}（可用：{string.Join(" ", knownOptions.Order().Select(o => "--" + o))}）");
            if (Flags.Contains(name))
            {
                if (value is not null) throw new UsageException($"选项 --{name} 不带值");
                result._flags.Add(name);
                continue;
            }
            if (value is null)
            {
                if (!e.MoveNext() || e.Current.StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"选项 --{name} 需要一个值");
                value = e.Current;
            }
            result._options[name] = value;
        }
        return result;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    /// <summary>Whether the flag <paramref name="name"/> (an option without a value) was given.</summary>
    public bool Has(string name) => _flags.Contains(name);

    public string Require(string name, string verb) =>
        Get(name) ?? throw new UsageException($"{verb} 需要选项 --{name}");

    public int? GetInt(string name, int min, int max)
    {
        var raw = Get(name);
        if (raw is null) return null;
        if (!int.TryParse(raw, out var value) || value < min || value > max)
            throw new UsageException($"选项 --{name} 应为 {min} 到 {max} 之间的整数，而不是 “{raw}”");
        return value;
    }

    public string? GetChoice(string name, params string[] choices)
    {
        var raw = Get(name);
        if (raw is null || choices.Contains(raw, StringComparer.OrdinalIgnoreCase)) return raw?.ToLowerInvariant();
        throw new UsageException($"选项 --{name} 只能取 {string.Join(" | ", choices)}，而不是 “{raw}”");
    }
}
