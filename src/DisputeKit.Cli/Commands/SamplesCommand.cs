using System.CommandLine;
using DisputeKit.SampleData.Generation;

namespace DisputeKit.Cli.Commands;

/// <summary><c>disputekit samples generate</c>: make a sample set (fixed seed; larger sizes for benchmarks).</summary>
internal static class SamplesCommand
{
    public static Command Build()
    {
        var defaults = new SampleOptions();
        var output = new Option<string>("--out") { Description = "Folder to write.", DefaultValueFactory = _ => "samples/default" };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => defaults.Seed };
        var customers = new Option<int>("--customers") { Description = "Customers in the base population.", DefaultValueFactory = _ => defaults.Customers };
        var orders = new Option<int>("--orders") { Description = "Orders in the base population.", DefaultValueFactory = _ => defaults.Orders };
        var disputes = new Option<int>("--disputes") { Description = "Disputes (cycling through every scenario).", DefaultValueFactory = _ => defaults.Disputes };
        var warnings = new Option<int>("--warnings") { Description = "Early fraud warnings (cycling through the warning scenarios).", DefaultValueFactory = _ => defaults.Warnings };
        var closed = new Option<int>("--closed") { Description = "Disputes already closed, opened over the past year, with their outcomes and the money Stripe moved (for the outcomes report).", DefaultValueFactory = _ => defaults.Closed };

        var generate = new Command("generate", "Write a sample set in the merchant-data format with Stripe disputes.");
        generate.Options.Add(output);
        generate.Options.Add(seed);
        generate.Options.Add(customers);
        generate.Options.Add(orders);
        generate.Options.Add(disputes);
        generate.Options.Add(warnings);
        generate.Options.Add(closed);
        generate.SetAction(parse =>
        {
            var options = new SampleOptions
            {
                Seed = parse.GetValue(seed),
                Customers = parse.GetValue(customers),
                Orders = parse.GetValue(orders),
                Disputes = parse.GetValue(disputes),
                Warnings = parse.GetValue(warnings),
                Closed = parse.GetValue(closed),
            };
            if (options.Customers < 1 || options.Orders < 0 || options.Disputes < 0 || options.Warnings < 0 || options.Closed < 0)
            {
                Console.Error.WriteLine("disputekit: --customers must be at least 1; --orders, --disputes, --warnings and --closed at least 0.");
                return ExitCodes.BadInput;
            }

            var folder = parse.GetValue(output)!;
            var counts = new SampleGenerator(options).Generate(folder);
            foreach (var (file, count) in counts)
            {
                Console.WriteLine($"{file,-28} {count,10}");
            }

            return ExitCodes.Ok;
        });

        var samples = new Command("samples", "Sample data.");
        samples.Subcommands.Add(generate);
        return samples;
    }
}
