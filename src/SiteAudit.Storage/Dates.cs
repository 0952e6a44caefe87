using System.Globalization;

namespace SiteAudit.Storage;

/// <summary>How the store writes instants and dates.</summary>
internal static class Dates
{
    /// <summary>Asia/Shanghai; a fixed +8 when the machine has no tz database (China has no daylight saving).</summary>
    public static readonly TimeZoneInfo China = FindChina();

    /// <summary>Round-trip ISO 8601 keeping the caller's offset (SQLite's julianday() still reads it for sorting).</summary>
    public static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ParseOrNull(string? value) => value is null ? null : Parse(value);

    /// <summary>The calendar day (yyyy-MM-dd) of <paramref name="instant"/> in China, as findings' firstSeen.</summary>
    public static string ChinaDay(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindChina()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
