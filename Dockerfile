# syntax=docker/dockerfile:1
# SiteAudit in a container: the audit engine and its scheduled worker, with Debian's Chromium and CJK fonts.
# The verbs are the entrypoint (README "Docker"):
#   docker run -v …:/config -v …:/data -v …:/reports -p 8080:8080 siteaudit            # worker (the default command)
#   docker run --rm -v …:/reports siteaudit audit --url http://www.example.gov.cn/ --out /reports/adhoc
# Checked without a Docker engine by .ci/check-dockerfile (packages, publish step, entrypoint, healthcheck).

# ---- build: the SDK publishes the app (framework-dependent, the same as ./siteaudit builds it) ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the restore layer is reused until a project or a package version changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/SiteAudit.Core/SiteAudit.Core.csproj src/SiteAudit.Core/
COPY src/SiteAudit.Crawling/SiteAudit.Crawling.csproj src/SiteAudit.Crawling/
COPY src/SiteAudit.Storage/SiteAudit.Storage.csproj src/SiteAudit.Storage/
COPY src/SiteAudit.Rules/SiteAudit.Rules.csproj src/SiteAudit.Rules/
COPY src/SiteAudit.Reporting/SiteAudit.Reporting.csproj src/SiteAudit.Reporting/
COPY src/SiteAudit.Host/SiteAudit.Host.csproj src/SiteAudit.Host/
RUN dotnet restore src/SiteAudit.Host/SiteAudit.Host.csproj --nologo
COPY src/ src/
COPY profiles/ profiles/
COPY report-templates/ report-templates/
RUN dotnet publish src/SiteAudit.Host/SiteAudit.Host.csproj -c Release -o /app --no-restore --nologo

# ---- the ASP.NET Core runtime, taken from Microsoft's image (its own OS is not used) ----
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS dotnet

# ---- runtime: Debian, because Debian packages Chromium as a real package (Ubuntu's is a snap) ----
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates tzdata libicu72 libssl3 libstdc++6 zlib1g \
      chromium fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/local/bin/dotnet \
 && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin siteaudit \
 && mkdir -p /data /reports /config \
 && chown siteaudit:siteaudit /data /reports
COPY --from=build /app /app
COPY docker/healthcheck.sh /app/healthcheck.sh

# Settings as environment variables (CONTRACT.md "Worker"); override any with -e, e.g. -e SiteAudit__Schedule="0 30 1 * * ?".
# /config holds the sites file (mount it read-only), /data the SQLite store and logs, /reports the reports.
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1 \
    TZ=Asia/Shanghai \
    SiteAudit__Sites=/config/sites.yaml \
    SiteAudit__Db=/data/siteaudit.db \
    SiteAudit__Output=/reports \
    SiteAudit__Schedule="0 0 2 * * ?" \
    SiteAudit__Serve__Enabled=true \
    SiteAudit__Serve__Address=0.0.0.0 \
    SiteAudit__Serve__Port=8080 \
    SiteAudit__Worker__HealthFile=/tmp/siteaudit-worker.health
WORKDIR /data
VOLUME ["/data", "/reports"]
EXPOSE 8080
USER siteaudit
# The worker rewrites its heartbeat file every 30 s while its scheduler runs; one-off verbs write none.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 CMD ["/app/healthcheck.sh"]
ENTRYPOINT ["dotnet", "/app/siteaudit.dll"]
CMD ["worker"]
