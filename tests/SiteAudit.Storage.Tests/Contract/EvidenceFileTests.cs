using SiteAudit.Core.Model;

namespace SiteAudit.Storage.Tests.Contract;

/// <summary>Evidence files (screenshots) kept with a site's audit, the same in every store (migration 4).</summary>
public sealed class EvidenceFileTests
{
    private const string Qingshan = "http://www.qingshan.gov.cn/";
    private static readonly DateTimeOffset Night1 = TestStore.Night1;

    private static byte[] Png(int size, byte fill) =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Enumerable.Repeat(fill, size - 8)];

    private static EvidenceFile Shot(string name, string url, string kind, byte[] bytes, int minute) =>
        new(name, url, kind, "image/png", bytes, Night1.AddMinutes(minute));

    /// <summary>One night auditing Qingshan, with the given screenshots stored before the site finished.</summary>
    private static async Task<string> NightAsync(IAuditStore store, int night, params EvidenceFile[] shots)
    {
        var at = Night1.AddDays(night - 1);
        var run = await store.StartRunAsync(at, "siteaudit 0.1.0", "{}", default);
        var siteRun = await store.StartSiteAsync(run, TestStore.Site(Qingshan), at, default);
        await store.AddEvidenceFilesAsync(siteRun, shots, default);
        await store.FinishSiteAsync(siteRun, TestStore.Outcome(at.AddMinutes(30)), default);
        await store.FinishRunAsync(run, RunStatus.Completed, at.AddHours(1), default);
        return run;
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Screenshots_are_listed_on_the_site_and_read_back_by_name(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var section = Png(3000, 1);
        var run = await NightAsync(s.Store, 1,
            Shot("a1.png", Qingshan + "xxgk/", EvidenceKinds.Section, Png(100, 9), 5),
            Shot("b2.png", Qingshan, EvidenceKinds.Home, Png(200, 2), 6));
        // Names are per site: another site of the run may have a file of the same name.
        var lvshui = await s.Store.StartSiteAsync(run, TestStore.Site("http://www.lvshui.gov.cn/"), Night1, default);
        await s.Store.AddEvidenceFilesAsync(lvshui, [Shot("a1.png", "http://www.lvshui.gov.cn/", EvidenceKinds.Home, Png(50, 3), 7)], default);
        var report = (await s.Store.LoadRunAsync(run, default))!;
        var qingshan = report.Sites[0];

        Assert.Equal([("a1.png", Qingshan + "xxgk/", EvidenceKinds.Section, 100L), ("b2.png", Qingshan, EvidenceKinds.Home, 200L)],
            qingshan.Evidence!.Select(f => (f.Name, f.Url, f.Kind, f.Length)));
        Assert.Equal(Night1.AddMinutes(5), qingshan.Evidence![0].TakenAt);
        Assert.Equal("image/png", qingshan.Evidence![0].ContentType);
        Assert.Equal(Png(100, 9), await s.Store.ReadEvidenceFileAsync(run, qingshan.Slug, "a1.png", default));
        Assert.Equal(Png(50, 3), await s.Store.ReadEvidenceFileAsync(run, report.Sites[1].Slug, "a1.png", default));
        Assert.Null(await s.Store.ReadEvidenceFileAsync(run, qingshan.Slug, "c3.png", default));
        Assert.Null(await s.Store.ReadEvidenceFileAsync("20261120-000000-ffff", qingshan.Slug, "a1.png", default));

        // Taken again (a retry): replaced, not duplicated.
        var siteRun2 = await s.Store.StartSiteAsync(run, TestStore.Site("http://www.hongshan.gov.cn/"), Night1, default);
        await s.Store.AddEvidenceFilesAsync(siteRun2, [Shot("x.png", "http://www.hongshan.gov.cn/", EvidenceKinds.Home, Png(10, 1), 1)], default);
        await s.Store.AddEvidenceFilesAsync(siteRun2, [Shot("x.png", "http://www.hongshan.gov.cn/xxgk/", EvidenceKinds.Section, section, 2)], default);
        var replaced = Assert.Single((await s.Store.LoadRunAsync(run, default))!.Sites[2].Evidence!);
        Assert.Equal(("http://www.hongshan.gov.cn/xxgk/", EvidenceKinds.Section, 3000L), (replaced.Url, replaced.Kind, replaced.Length));
        Assert.Equal(section, await s.Store.ReadEvidenceFileAsync(run, "www.hongshan.gov.cn", "x.png", default));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_screenshot_for_an_unknown_site_run_is_refused(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            s.Store.AddEvidenceFilesAsync(4242, [Shot("a.png", Qingshan, EvidenceKinds.Home, Png(20, 1), 0)], default));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Pruning_a_run_deletes_its_screenshots_and_keeps_those_of_kept_runs(string kind)
    {
        await using var s = await StoreKinds.CreateAsync(kind);
        var old = await NightAsync(s.Store, 1, Shot("a.png", Qingshan + "xxgk/", EvidenceKinds.Section, Png(100, 1), 0));
        var kept = await NightAsync(s.Store, 2, Shot("a.png", Qingshan + "xxgk/", EvidenceKinds.Section, Png(100, 2), 0));
        var slug = (await s.Store.LoadRunAsync(old, default))!.Sites[0].Slug;

        Assert.Equal([old], await s.Store.PruneRunsAsync(Night1.AddDays(1).AddHours(-1), default));

        Assert.Null(await s.Store.ReadEvidenceFileAsync(old, slug, "a.png", default));
        Assert.Equal(Png(100, 2), await s.Store.ReadEvidenceFileAsync(kept, slug, "a.png", default));
        Assert.Single((await s.Store.LoadRunAsync(kept, default))!.Sites[0].Evidence!);
        if (kind == StoreKinds.Sqlite)
        {
            // Nothing of the pruned run is left behind in the file.
            using var conn = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={s.Setting};Pooling=False");
            conn.Open();
            using var count = conn.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM evidence_files";
            Assert.Equal(1L, (long)count.ExecuteScalar()!);
        }
    }
}
