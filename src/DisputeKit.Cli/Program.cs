using DisputeKit.Cli.Commands;

return await CliRoot.Build().Parse(args).InvokeAsync();
