namespace SiteAudit.Tests.Conformance;

/// <summary>
/// One peer expectation compared with SiteAudit: a row of htmltest's EXPECTATIONS.tsv (per fixture), one URL block of a
/// linkchecker <c>.result</c>, or one expectation of the lychee/linkinator notes.
/// </summary>
/// <param name="Set">The fixture set (htmltest, linkchecker, lychee, linkinator).</param>
/// <param name="Id">The peer's name for the case (test name, input file and URL).</param>
/// <param name="Fixture">The fixture file(s), relative to the set's corpus folder.</param>
/// <param name="Peer">What the peer expects, in its own words.</param>
/// <param name="Check">What SiteAudit must show (see <see cref="Stance"/> for whose expectation it is).</param>
public sealed record ConformanceCase(string Set, string Id, string Fixture, string Peer, Check Check, Stance Stance);

/// <summary>How a case is judged.</summary>
public abstract record Stance
{
    /// <summary>SiteAudit means to do what the peer does: <see cref="ConformanceCase.Check"/> is the peer's expectation.</summary>
    public sealed record Compare : Stance;

    /// <summary>
    /// SiteAudit differs by design. The check is what SiteAudit does instead (the part of the peer's expectation that is
    /// still comparable), so a change of behaviour is noticed; <see cref="Check.Nothing"/> when nothing else is comparable.
    /// </summary>
    public sealed record Deliberate(string Reason) : Stance;

    /// <summary>A SiteAudit bug, reported and not yet fixed: the check is the peer's expectation and is expected to fail.</summary>
    public sealed record KnownBug(string Reason) : Stance;

    /// <summary>Not comparable here: <paramref name="Kind"/> is <see cref="Environment"/> or a reason such as "skipped upstream".</summary>
    public sealed record NotCompared(string Kind, string Reason) : Stance;

    public const string Environment = "environment";
    public const string SkippedUpstream = "skipped upstream";
    public const string NoAssertion = "no assertion";
    public const string NotInCorpus = "not in corpus";
    public const string PeerMode = "peer-only mode";

    public static readonly Stance Same = new Compare();
}

/// <summary>What is observed of SiteAudit for a case.</summary>
public abstract record Check
{
    /// <summary>The number of distinct link.dead targets SiteAudit reports from these pages.</summary>
    public sealed record DeadCount(int Expected, IReadOnlyList<string> Pages) : Check;

    /// <summary>
    /// The link is extracted from one of the pages and is (or is not) reported dead there; when <paramref name="Text"/> is
    /// given, the link's text (or an image's alt) is that (several links may share a target once fragments are dropped).
    /// </summary>
    public sealed record LinkVerdict(IReadOnlyList<string> Pages, string Url, bool Dead, string? Text = null) : Check;

    /// <summary>Extraction only: these URLs are among the page's links (and, when <paramref name="Only"/>, no other http(s) links).</summary>
    public sealed record Extracts(string Page, IReadOnlyList<string> Urls, bool Only = false) : Check;

    /// <summary>Extraction only: none of the URLs is among the page's links.</summary>
    public sealed record Skips(string Page, params IReadOnlyList<string> Urls) : Check;

    /// <summary>Nothing is comparable (a deliberate disagreement with no remainder); what SiteAudit reports on the pages is shown.</summary>
    public sealed record Nothing(IReadOnlyList<string>? Pages = null) : Check;

    public static readonly Check None = new Nothing();
}

public enum Verdict
{
    Agree,
    Deliberate,
    KnownBug,
    Environment,
    NotCompared,
    /// <summary>A comparable case disagrees (or a deliberate one no longer behaves as written down): the suite fails.</summary>
    Bug,
    /// <summary>A known bug now agrees with the peer: take it off the known-bug list.</summary>
    Fixed,
}

/// <summary>A judged case: the verdict and what SiteAudit did.</summary>
public sealed record CaseResult(ConformanceCase Case, Verdict Verdict, string Actual)
{
    public string? Reason => Case.Stance switch
    {
        Stance.Deliberate d => d.Reason,
        Stance.KnownBug b => b.Reason,
        Stance.NotCompared n => n.Reason,
        _ => null,
    };
}

/// <summary>Reasons shared by several fixture sets (the report groups disagreements by reason).</summary>
public static class Reasons
{
    public const string Fragments = "SiteAudit does not check #fragments: a link is judged by the page it leads to (a bare #x is a jump within the page)";
    public const string Mailto = "mailto: and tel: links are not checked (nothing to fetch)";
    public const string Unusable = "an href that is not a usable URL (\"http://\", \"//////\", \"http://localhost]\") is dropped: link.dead's reasons are all outcomes of a request, and none can be made";
    public const string NoCss = "SiteAudit does not read CSS (style sheets, <style>, style attributes) for url() references";
    public const string Canonical = "<link rel=canonical/alternate> is metadata for search engines and feeds, not a link a visitor follows: not checked";
}
