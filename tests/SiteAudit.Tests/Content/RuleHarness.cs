using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Core.Urls;
using SiteAudit.Rules;
using SiteAudit.Rules.Columns;
using SiteAudit.Tests.Rules;

namespace SiteAudit.Tests.Content;

/// <summary>A clock stopped at one instant: rules see this "now".</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static FixedTime ChinaDay(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}

/// <summary>Runs rules over <see cref="InMemoryFacts"/> with a shipped profile and a pinned day, as the pipeline would.</summary>
public static class RuleHarness
{
    private static readonly ProfileCatalog Catalog = new([ProfilesDir()]);

    public static Profile Profile(string id = "county-portal") => Catalog.Resolve(id);

    public static async Task<RuleContext> ContextAsync(InMemoryFacts facts, string home, TimeProvider time, Profile? profile = null)
    {
        profile ??= Profile();
        var homeUrl = new Uri(home);
        var site = new SiteTarget("测试县人民政府", homeUrl, Slug.FromUrl(homeUrl), profile, []);
        var columns = await new ColumnLocator().LocateAsync(profile, homeUrl, facts, CancellationToken.None);
        return new RuleContext(site, homeUrl, facts, columns, time);
    }

    public static async Task<List<Finding>> RunAsync(IRule rule, RuleContext context)
    {
        var findings = new List<Finding>();
        await foreach (var f in rule.EvaluateAsync(context, CancellationToken.None)) findings.Add(f);
        return findings;
    }

    private static string ProfilesDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SiteAudit.sln"))) return Path.Combine(dir.FullName, "profiles");
        throw new DirectoryNotFoundException("profiles/ not found above " + AppContext.BaseDirectory);
    }
}
