using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Settings.Configuration;
using SiteAudit.Core.Model;
using SiteAudit.Core.Profiles;
using SiteAudit.Crawling;
using SiteAudit.Crawling.Fetching;
using SiteAudit.Host.Pipeline;
using SiteAudit.Reporting;
using SiteAudit.Storage;

namespace SiteAudit.Host;

/// <summary>
/// The Generic Host every verb runs in: configuration from appsettings.json (next to the binary, then the current
/// folder), the environment (SiteAudit__Crawl__Timeout=15) and the command line (highest), Serilog logging, and
/// the pipeline's services.
/// </summary>
public static class AppServices
{
    /// <param name="configure">More services for a verb that needs them (the worker's scheduler, server …), added last.</param>
    public static IHost Build(IDictionary<string, string?> commandLineSettings, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = false,
        });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(commandLineSettings);

        var serilog = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration, new ConfigurationReaderOptions(
                typeof(Serilog.ConsoleLoggerConfigurationExtensions).Assembly,
                typeof(Serilog.FileLoggerConfigurationExtensions).Assembly))
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);

        var services = builder.Services;
        services.Configure<AuditSettings>(builder.Configuration.GetSection(AuditSettings.Section));
        services.Configure<CrawlOptions>(builder.Configuration.GetSection(CrawlOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<CrawlOptions>>().Value);
        services.Configure<SiteAudit.Crawling.Rendering.RenderOptions>(builder.Configuration.GetSection(SiteAudit.Crawling.Rendering.RenderOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiteAudit.Crawling.Rendering.RenderOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuditSettings>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => HttpFetcher.CreateClient(sp.GetRequiredService<CrawlOptions>()));
        services.AddSingleton(sp => new ProfileCatalog(ProfileDirectories(sp.GetRequiredService<AuditSettings>())));
        services.AddSingleton(sp => new ReportWriter(TemplatesDirectory(sp.GetRequiredService<AuditSettings>())));
        services.AddSingleton<IAuditStore>(sp =>
            AuditStoreFactory.Open(sp.GetRequiredService<AuditSettings>().Db, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuditPipeline>();
        configure?.Invoke(builder);
        return builder.Build();
    }

    public static IEnumerable<string> ProfileDirectories(AuditSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.ProfilesDir)) yield return settings.ProfilesDir;
        yield return Path.Combine(AppContext.BaseDirectory, "profiles");
    }

    public static string TemplatesDirectory(AuditSettings settings) =>
        string.IsNullOrWhiteSpace(settings.TemplatesDir) ? Path.Combine(AppContext.BaseDirectory, "report-templates") : settings.TemplatesDir;
}
