namespace SiteAudit.Host.CommandLine;

/// <summary>Usage texts (Chinese, for users). Verbs and options are those of CONTRACT.md.</summary>
public static class HelpText
{
    public const string Main = """
        SiteAudit —— 政府网站政务公开合规检查

        用法：
          siteaudit audit --sites FILE.yaml --out DIR [选项]     审计站点清单中的每个站点
          siteaudit audit --url URL [--name 名称] [--profile ID|路径] --out DIR [选项]
          siteaudit report --run RUN_ID --out DIR               重新生成已存储运行的报告
          siteaudit profiles validate [路径...]                 校验检查配置（profile），报告文件、行号和问题
          siteaudit demo [--out DIR]                            在本机启动内置示例门户并审计它
          siteaudit worker [--sites FILE --schedule CRON --out DIR]  定时审计服务（按计划审计、可用性探测、报告服务）
          siteaudit <动词> --help                               查看动词的说明

        审计选项（也可在 appsettings.json 或环境变量中设置，如 SiteAudit__Crawl__Timeout=15）：
          --timeout 秒        每个请求的超时，默认 15
          --max-pages N       每个站点最多解析的页面数，默认 2000
          --per-host N        对同一主机的并发请求数，默认 4
          --delay-ms N        对同一主机两次请求之间的最小间隔（毫秒），默认 0
          --render auto|always|never   浏览器渲染：auto 仅在静态页面无法判断时用浏览器，默认 auto
                              （auto、always 还为信息公开专栏和栏目缺失的页面截图，作为报告证据；never 不截图）
          --no-conditional    不做条件请求：每个页面都完整下载（默认对上次审计解析过的页面发送 If-None-Match/If-Modified-Since，未变化的页面沿用上次的内容）
          --db 路径           存储（SQLite 文件），默认 ./data/siteaudit.db
          --fail-on error|warning|info  存在该级别及以上问题时以退出码 4 结束

        退出码：0 审计完成；2 用法或输入错误；3 无法运行（存储不可用等）；4 超过 --fail-on 阈值。
        进度输出到 stderr，结果输出到 stdout。
        """;

    public const string Audit = """
        siteaudit audit —— 审计站点

          siteaudit audit --sites FILE.yaml --out DIR [选项]
          siteaudit audit --url URL [--name 名称] [--profile ID|路径] --out DIR [选项]

        站点清单格式（YAML）：
          sites:
            - name: 青山县人民政府
              url: http://www.qingshan.gov.cn/
              profile: county-portal          # profiles/ 中的配置 id，或文件路径
              scope: [xxgk.qingshan.gov.cn]   # 可选：同属该站点的其他主机

        输出（DIR）：index.html（汇总）、sites/<站点>/index.html（各站点问题清单）、findings.json、findings.csv。
        选项：--timeout --max-pages --per-host --delay-ms --render --no-conditional --db --fail-on（见 siteaudit --help）。
        """;

    public const string Report = """
        siteaudit report —— 重新生成报告

          siteaudit report --run RUN_ID --out DIR [--db 路径]

        从存储中读取运行 RUN_ID 的结果，重新生成 index.html、各站点页面、findings.json 与 findings.csv。
        不带 --run 时列出最近的运行。
        """;

    public const string Profiles = """
        siteaudit profiles validate [路径...]

        校验检查配置文件（YAML）。不给路径时校验内置 profiles/ 目录中的全部配置。
        每个问题一行：文件:行号: 问题。全部通过时退出码 0，否则 2。
        """;

    public const string Demo = """
        siteaudit demo [--out DIR] [--db 路径]

        在 127.0.0.1 上启动内置示例门户“青山县人民政府”，用 county-portal 配置审计它，并输出报告位置。
        默认输出目录 ./out/demo，默认存储 ./data/demo.db。
        """;

    public const string Worker = """
        siteaudit worker [--sites FILE] [--schedule CRON] [--out DIR] [--time-zone TZ] [--serve PORT|off] [--db …] [审计选项]

        定时审计服务：按 Quartz cron 时间表（SiteAudit:Schedule，时区 SiteAudit:TimeZone，默认 Asia/Shanghai）审计
        站点清单（SiteAudit:Sites，每次运行前重新读取）中的每个站点；每小时探测各站首页的可用性（SiteAudit:Probe:Schedule），
        近 7 天探测失败率达 5% 时报告单项否决“站点无法访问”。同一时间只运行一次审计：上一次尚未结束时到点的审计跳过并记入日志。

        输出：DIR/runs/<运行编号>/（每次运行的报告）和 DIR/latest/（最近一次完整运行）。--serve PORT 在该端口提供只读的
        报告服务（/ 为最近一次完整运行，/runs/ 为全部运行）。旧运行按 SiteAudit:Worker:RetainDays（默认 90 天）清理。

        例：siteaudit worker --sites sites.yaml --schedule "0 0 2 * * ?" --out /reports --serve 8080

        SIGTERM 或 Ctrl-C：不再开始新工作，正在进行的审计在 SiteAudit:Worker:StopSeconds（默认 8 秒）内停止、标记为
        partial 并写出报告，然后以退出码 0 结束。因崩溃中断的运行在下次启动时标记为 interrupted。
        设置也可写在 appsettings.json 或环境变量中（如 SiteAudit__Schedule、SiteAudit__Worker__RetainDays）。
        """;
}
