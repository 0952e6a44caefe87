using System.Text;

namespace SiteAudit.Tests.Conformance;

/// <summary>bench/CONFORMANCE.md: the agreement figures per fixture set and every disagreement with its reason, as the runner found them.</summary>
public static class ConformanceReport
{
    public static string Markdown(IReadOnlyList<(string Set, IReadOnlyList<CaseResult> Results)> sets, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.Append(""""
            # Conformance with peers' link-checker fixtures

            Written by the conformance runner (`tests/SiteAudit.Tests/Conformance/`); do not edit by hand. Regenerate with

            ```sh
            SITEAUDIT_CONFORMANCE_OUT=$PWD/bench/CONFORMANCE.md dotnet test tests/SiteAudit.Tests --filter FullyQualifiedName~Conformance
            ```

            SiteAudit's link extraction and verdicts are compared, case by case, with the expectations of four peers' test
            fixtures in `../shared/corpus` (read at test time, never copied): htmltest (`EXPECTATIONS.tsv`, per test and
            fixture), linkchecker (`.result` files, per URL found), lychee and linkinator (the expectations written in their
            `SOURCE.md`, and the extractor tests they paraphrase). Each fixture folder is served as-is from Kestrel on 127.0.0.1
            (content type by extension, HTML without a charset, folders redirected to their trailing slash and answered by
            index.html), with the folder the peer treats as the site root at `/`. Every fixture page is audited as a site of its
            own by the real CLI (`audit --sites … --max-pages 1 --render never`: only the fixture page is parsed, every link on
            it is checked; the peers read static HTML too), and extraction is compared on the crawler's own decoder and
            extractor output for the served page. A few binary files the corpus left out but the peers' expectations rely on
            (e.g. htmltest's `images/gpl.png`) are answered with placeholder bytes; the runner lists them.

            Verdicts: **agree**; **known bug** (SiteAudit is wrong; reported, and kept from failing the suite until fixed — a
            fixed one fails the suite until it is moved to agree); **deliberate** (SiteAudit differs by design; what it does
            instead is still checked, so a change of behaviour is noticed); **environment** (needs the internet: in this
            sandbox external hosts fail DNS and raw IP addresses are answered 404 by the gateway); **not compared** (skipped
            upstream, no link assertion, fixture missing from the corpus, or a peer-only mode). Agreement = agree / (agree +
            known bug): the cases where SiteAudit means to do what the peer does. Any other disagreement fails the test.


            """");
        md.AppendLine("| fixture set | cases | agree | known bug | agreement | deliberate | environment | not compared |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (set, results) in sets)
        {
            int Count(Verdict v) => results.Count(r => r.Verdict == v);
            var comparable = Count(Verdict.Agree) + Count(Verdict.KnownBug) + Count(Verdict.Bug) + Count(Verdict.Fixed);
            var rate = comparable == 0 ? "—" : $"{100.0 * Count(Verdict.Agree) / comparable:0.0}%";
            md.AppendLine($"| {set} | {results.Count} | {Count(Verdict.Agree)} | {Count(Verdict.KnownBug)} | {rate} | {Count(Verdict.Deliberate)} | " +
                          $"{Count(Verdict.Environment)} | {Count(Verdict.NotCompared)} |");
        }
        md.AppendLine();
        md.AppendLine($"Run time of the whole runner on this machine: {elapsed.TotalSeconds:0.0} s.");

        var all = sets.SelectMany(s => s.Results).ToList();
        Section(md, "Known bugs", all.Where(r => r.Verdict is Verdict.KnownBug or Verdict.Fixed or Verdict.Bug), detailed: true);
        Section(md, "Deliberate disagreements", all.Where(r => r.Verdict == Verdict.Deliberate), detailed: false);
        Section(md, "Environment-limited", all.Where(r => r.Verdict == Verdict.Environment), detailed: false);
        Section(md, "Not compared", all.Where(r => r.Verdict == Verdict.NotCompared), detailed: false);

        md.AppendLine();
        md.AppendLine("## Every case");
        foreach (var (set, results) in sets)
        {
            md.AppendLine();
            md.AppendLine($"### {set}");
            md.AppendLine();
            md.AppendLine("| case | fixture | peer expects | SiteAudit | verdict |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var r in results)
                md.AppendLine($"| {Cell(r.Case.Id)} | {Cell(r.Case.Fixture)} | {Cell(r.Case.Peer)} | {Cell(Shorten(r.Actual))} | {Label(r.Verdict)} |");
        }
        return md.ToString();
    }

    /// <summary>Cases grouped by reason (one line per reason with the case ids), or one entry per case with details.</summary>
    private static void Section(StringBuilder md, string title, IEnumerable<CaseResult> results, bool detailed)
    {
        var list = results.ToList();
        if (list.Count == 0) return;
        md.AppendLine();
        md.AppendLine($"## {title} ({list.Count})");
        md.AppendLine();
        if (detailed)
        {
            foreach (var r in list)
                md.AppendLine($"- **{r.Case.Set} {r.Case.Id}** (`{r.Case.Fixture}`): {r.Reason ?? Label(r.Verdict)}. Peer expects: {r.Case.Peer}. SiteAudit: {r.Actual}.");
            return;
        }
        foreach (var group in list.GroupBy(r => r.Reason ?? "").OrderByDescending(g => g.Count()))
            md.AppendLine($"- {group.Key} — {group.Count()}: {string.Join(", ", group.Select(r => $"{r.Case.Set} `{r.Case.Id}`"))}");
    }

    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Agree => "agree",
        Verdict.Deliberate => "deliberate",
        Verdict.KnownBug => "known bug",
        Verdict.Environment => "environment",
        Verdict.NotCompared => "not compared",
        Verdict.Bug => "**DISAGREES**",
        Verdict.Fixed => "**known bug now agrees**",
        _ => verdict.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..199] + "…";

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
