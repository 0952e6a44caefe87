using SiteAudit.Core.Model;
using SiteAudit.Rules.Columns;

namespace SiteAudit.Tests.Rules;

/// <summary>The column menu of a real TRS county portal (pingtan-zwgk corpus): labels split by &lt;br&gt;, javascript: menu heads.</summary>
public class PingtanColumnsTests
{
    [Fact]
    public async Task FindsTheStatutoryColumnsInTheRealMenu()
    {
        const string section = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/";
        var html = CorpusFiles.Read("pingtan-zwgk", "pingtan", "zwgk", "zfxxgk", "zfxxgknb", "_lists", "index.html");
        var facts = new InMemoryFacts()
            .Page("https://www.pingtan.gov.cn/", """<a href="https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/">政府信息公开</a>""")
            .Page(section, html);

        var map = await new ColumnLocator().LocateAsync(ColumnLocatorTests.TestProfile(), new Uri("https://www.pingtan.gov.cn/"), facts, CancellationToken.None);

        Assert.Equal(section, map.SectionUrl);
        Assert.Equal("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgkzn/", map["guide"]!.Url);
        Assert.Equal(MatchKinds.Name, map["guide"]!.MatchedBy);
        Assert.Equal("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgkzd/", map["rules"]!.Url);
        Assert.Equal("https://www.pingtan.gov.cn/zwgk/zfxxgk/fdzdgknr/", map["statutory"]!.Url);
        Assert.Equal("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/nlist.htm", map["annual-report"]!.Url);
    }
}
