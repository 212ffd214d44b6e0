using DisputeKit.Bench;

return args.FirstOrDefault() switch
{
    "stripe" => await StripeSweepBenchmark.RunAsync(args.Skip(1).ToArray()),
    "packs" => await PackRenderBenchmark.RunAsync(args.Skip(1).ToArray()),
    "evidence" => await EvidenceBenchmark.RunAsync(args.Skip(1).ToArray()),
    "webhooks" => await WebhookLatencyBenchmark.RunAsync(args.Skip(1).ToArray()),
    "sweep" => await SweepBenchmark.RunAsync(args.Skip(1).ToArray()),
    "queue" => await QueueBenchmark.RunAsync(args.Skip(1).ToArray()),
    "support" => await SupportSyncBenchmark.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/DisputeKit.Bench -c Release -- stripe [--disputes 1000] [--rate 25] [--workers 8] | packs [--packs 200] [--concurrency 2] | evidence [--orders 1000000] [--disputes 1000] [--connection <npgsql>] [--keep] | webhooks [--disputes 200] [--rate 5] [--api-rate 90] | sweep [--disputes 1000] [--rate 90] [--store files|postgres] [--connection <npgsql>] [--keep] | queue [--cases 10000] [--rounds 60] [--store files|postgres] [--connection <npgsql>] | support [--messages 50000] [--store files|postgres] [--connection <npgsql>]");
    return 2;
}
