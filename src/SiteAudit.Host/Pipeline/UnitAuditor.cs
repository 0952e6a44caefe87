using Microsoft.Extensions.Logging;
using SiteAudit.Core.Model;
using SiteAudit.Core.Urls;
using SiteAudit.Rules;
using SiteAudit.Rules.Columns;
using SiteAudit.Rules.Content;
using SiteAudit.Rules.Units;

namespace SiteAudit.Host.Pipeline;

/// <summary>
/// Department units of a portal (profile `departments`): each department its 部门信息公开 page lists is audited over the
/// portal's crawl with the department profile and stored as a site of its own in the run, named
/// "部门名（门户名）", with the department page's URL and the unit profile's id. findings.json therefore lists it as one
/// more entry of sites[] (same schema), after its portal; its findings, history and report page are its own.
/// Dead links and veto verdicts stay with the portal.
/// </summary>
internal static class UnitAuditor
{
    public static async Task AuditAsync(IAuditStore store, string runId, RuleContext portal, string status, TimeProvider time, ILogger log)
    {
        if (portal.Site.Profile.Departments is not { } settings) return;
        var ct = CancellationToken.None;
        IReadOnlyList<DepartmentUnit> units;
        LocateScope scope;
        try
        {
            units = await DepartmentUnits.FindAsync(portal, ct);
            if (units.Count == 0) return;
            scope = await DepartmentUnits.ScopeAsync(portal, ct);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Department units of {Site} could not be listed", portal.Site.Url);
            return;
        }
        if (settings.UnitProfile is not { } profile)
        {
            log.LogWarning("Site {Site} lists {Count} departments but the profile {Profile} could not be loaded: units not audited",
                portal.Site.Url, units.Count, settings.Profile);
            return;
        }
        log.LogInformation("Site {Name}: auditing {Count} department units", portal.Site.Name, units.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal) { portal.Site.Slug };
        foreach (var unit in units)
        {
            var target = new SiteTarget($"{unit.Name}（{portal.Site.Name}）", unit.Url, Slug.Unique(Slug.FromUrl(unit.Url), taken), profile,
                portal.Site.ScopeHosts, portal.Site.Region);
            var siteRunId = await store.StartSiteAsync(runId, target, time.GetUtcNow(), ct);
            SiteOutcome outcome;
            try
            {
                var columns = await new ColumnLocator().LocateAsync(profile, unit.Url, portal.Facts, scope, ct);
                var context = new RuleContext(target, unit.Url, portal.Facts, columns, time) { IsUnit = true };
                var findings = await RuleSet.Unit().EvaluateAsync(context, ct);
                outcome = new SiteOutcome(status, new SiteStats(0, 0, 0), await ColumnContents.WithItemsAsync(context, ct), findings, time.GetUtcNow());
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Department unit {Unit} of {Site} failed", unit.Url, portal.Site.Url);
                outcome = new SiteOutcome(SiteStatus.Partial, new SiteStats(0, 0, 0), [], [], time.GetUtcNow(), $"审计中断：{ex.Message}");
            }
            await store.FinishSiteAsync(siteRunId, outcome, ct);
        }
    }
}
