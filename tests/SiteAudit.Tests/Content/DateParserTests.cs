using SiteAudit.Crawling.Extraction;

namespace SiteAudit.Tests.Content;

public class DateParserTests
{
    private static readonly DateOnly Today = new(2026, 1, 10);

    [Theory]
    [InlineData("2024-01-05", "2024-01-05")]
    [InlineData("2024/01/05", "2024-01-05")]
    [InlineData("2024.1.5", "2024-01-05")]
    [InlineData("2024年1月5日", "2024-01-05")]
    [InlineData("2024 年 01 月 05 日", "2024-01-05")]
    [InlineData("发布时间：2024-01-05 16:10", "2024-01-05")]
    [InlineData("[01-05]", "2026-01-05")]
    [InlineData("(01/05)", "2026-01-05")]
    [InlineData("【12-30】", "2025-12-30")]   // later than today this year: last year's
    [InlineData("01-11", "2026-01-11")]      // tomorrow is still this year (clocks a day ahead)
    [InlineData("1月8日", "2026-01-08")]
    public void Row_dates_in_every_format_of_domain_section_8(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DateParser.InRow(text, Today));

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2024-13-01")]
    [InlineData("电话：0591-23165385")]
    [InlineData("第12-15期")]
    [InlineData("")]
    public void Not_dates(string text) => Assert.Null(DateParser.InRow(text, Today));

    [Fact]
    public void The_last_full_date_of_a_row_is_its_date()
    {
        Assert.Equal(new DateOnly(2024, 1, 3), DateParser.InRow("关于2024年1月5日停电的通知 2024-01-03", Today));
    }

    [Fact]
    public void Labels_and_meta_values()
    {
        Assert.Equal(new DateOnly(2024, 3, 23), DateParser.Leading("2024-03-23 16:23"));
        Assert.Null(DateParser.Leading("发布于 2024-03-23"));
        Assert.Equal(new DateOnly(2024, 1, 5), DateParser.AfterLabel("来源：县政府办 发布日期：2024-01-05 浏览次数：12"));
        Assert.Null(DateParser.AfterLabel("2024-01-05"));
    }
}
