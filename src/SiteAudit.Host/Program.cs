return await SiteAudit.Host.Cli.RunAsync(args, Console.Out, Console.Error);
