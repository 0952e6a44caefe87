using Microsoft.Playwright;

namespace SiteAudit.BrowserTests;

/// <summary>Full-page screenshots of a report page at desktop size and as printed on A4.</summary>
public static class Screenshots
{
    /// <summary>A4 at 96 dpi: the width and height of a printed page in CSS pixels.</summary>
    public const int A4Width = 794, A4Height = 1123;

    /// <summary>
    /// NAME-desktop.png at the page's current (desktop) size, then NAME-print.png at A4 width with print media
    /// (<paramref name="print"/> runs in that state, e.g. to check what printing hides). Returns the two paths.
    /// </summary>
    public static async Task<string[]> TakeAsync(IPage page, string folder, string name, Func<Task>? print = null)
    {
        Directory.CreateDirectory(folder);
        var desktop = Path.Combine(folder, $"{name}-desktop.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = desktop, FullPage = true });

        var size = page.ViewportSize;
        await page.SetViewportSizeAsync(A4Width, A4Height);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        if (print is not null) await print();
        var printed = Path.Combine(folder, $"{name}-print.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = printed, FullPage = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        if (size is not null) await page.SetViewportSizeAsync(size.Width, size.Height);

        foreach (var path in new[] { desktop, printed })
            Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty");
        return [desktop, printed];
    }
}
