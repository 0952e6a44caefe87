using System.Text.RegularExpressions;

namespace SiteAudit.Crawling.Extraction;

/// <summary>
/// Publication dates as Chinese portals write them (DOMAIN.md §8): 2024-01-05, 2024/01/05, 2024.1.5, 2024年1月5日,
/// "发布时间：2024-01-05 16:10", and the short [01-05] / 01-05 of homepage boxes, whose year comes from context: the
/// latest such date not after the day the page was read (a list in early January showing [12-30] means last year).
/// </summary>
public static partial class DateParser
{
    [GeneratedRegex(@"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?", RegexOptions.CultureInvariant)]
    private static partial Regex FullDate();

    /// <summary>A month and day standing alone, optionally bracketed: [01-05], (01-05), 【01-05】, 01-05, 01/05, 1月5日.</summary>
    [GeneratedRegex(@"^[\[\(（【〔]?\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?\s*[\]\)）】〕]?$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayAlone();

    [GeneratedRegex(@"[\[\(（【〔]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[\]\)）】〕]", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayBracketed();

    [GeneratedRegex(@"(?:发布时间|发布日期|发文日期|公开日期|信息时间|更新时间|时间|日期)\s*[：:]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex DateLabel();

    /// <summary>Every full date in <paramref name="text"/>, in order (invalid calendar dates are skipped).</summary>
    public static IEnumerable<(DateOnly Date, int Index, int Length)> FullDates(string text)
    {
        foreach (Match m in FullDate().Matches(text))
            if (Make(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) is { } date)
                yield return (date, m.Index, m.Length);
    }

    /// <summary>
    /// The date a list row shows: a full date anywhere in <paramref name="text"/> (the last one: titles rarely end with
    /// a date, rows often do), else a bracketed month-day, else a text that is only a month-day (the year from
    /// <paramref name="today"/>).
    /// </summary>
    public static DateOnly? InRow(string text, DateOnly today)
    {
        DateOnly? last = null;
        foreach (var (date, _, _) in FullDates(text)) last = date;
        if (last is not null) return last;
        var bracketed = MonthDayBracketed().Matches(text);
        if (bracketed.Count > 0)
        {
            var m = bracketed[^1];
            return WithYear(m.Groups[1].Value, m.Groups[2].Value, today);
        }
        return MonthDay(text, today);
    }

    /// <summary>A text that is nothing but a month and day (a list's date cell), with the year from <paramref name="today"/>.</summary>
    public static DateOnly? MonthDay(string text, DateOnly today)
    {
        var m = MonthDayAlone().Match(text.Trim());
        return m.Success ? WithYear(m.Groups[1].Value, m.Groups[2].Value, today) : null;
    }

    /// <summary>A full date at the start of <paramref name="text"/> (a meta PubDate: "2024-03-23 16:23").</summary>
    public static DateOnly? Leading(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var m = FullDate().Match(text);
        return m.Success && m.Index <= 2 ? Make(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) : null;
    }

    /// <summary>The date after a label such as 发布时间： or 发布日期： in one line of text.</summary>
    public static DateOnly? AfterLabel(string line)
    {
        foreach (Match label in DateLabel().Matches(line))
        {
            var rest = line[(label.Index + label.Length)..];
            var m = FullDate().Match(rest);
            if (m.Success && m.Index == 0) return Make(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        }
        return null;
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly? WithYear(string month, string day, DateOnly today)
    {
        if (!int.TryParse(month, out var mm) || !int.TryParse(day, out var dd) || mm is < 1 or > 12 || dd < 1) return null;
        // The latest such date not after tomorrow (a server clock or time zone may be a day ahead).
        for (var year = today.Year; year >= today.Year - 1; year--)
        {
            if (dd > DateTime.DaysInMonth(year, mm)) continue;
            var date = new DateOnly(year, mm, dd);
            if (date <= today.AddDays(1)) return date;
        }
        return null;
    }

    private static DateOnly? Make(string year, string month, string day)
    {
        if (!int.TryParse(year, out var y) || !int.TryParse(month, out var m) || !int.TryParse(day, out var d)) return null;
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return null;
        return new DateOnly(y, m, d);
    }
}
