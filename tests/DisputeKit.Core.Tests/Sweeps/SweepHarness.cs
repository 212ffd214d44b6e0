using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Disputes;
using DisputeKit.Core.Merchant;
using DisputeKit.Core.Rendering;
using DisputeKit.Core.Sweeps;
using DisputeKit.Core.Tests.Accounts;
using DisputeKit.Core.Tests.Builders;
using DisputeKit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DisputeKit.Core.Tests.Sweeps;

/// <summary>
/// The sweep wired as the hosts wire it (<c>AddDisputeKitCore</c>), on in-memory parts: the
/// seller's records from the builders, Stripe as <see cref="FakeGateway"/>, cases in
/// <see cref="MemoryCases"/>, and <see cref="FakeRenderer"/> in place of Chromium.
/// </summary>
internal sealed class SweepHarness : IDisposable
{
    /// <summary>A delivered order disputed as not received: fought, with a transcript (the customer wrote in) and the policy beside the pack.</summary>
    public const string Fought = "dp_fought";

    /// <summary>An order that never started: the policy owes a refund, so the case is set aside.</summary>
    public const string Owed = "dp_owed";

    /// <summary>Closed on Stripe already: skipped.</summary>
    public const string Closed = "dp_closed";

    private readonly ServiceProvider _services;

    public SweepHarness(IDictionary<string, string?>? settings = null)
    {
        Clock.Advance(TimeSpan.FromDays(21));
        Records.With(new OrderBuilder().Build(), Records.Completed)
            .With(new OrderBuilder().NotStarted().Build() with { Id = "VL-2", Payment = new PaymentInfo { StripeChargeId = "ch_owed" } })
            .With(new OrderBuilder().Build() with { Id = "VL-3", Payment = new PaymentInfo { StripeChargeId = "ch_closed" } }, Records.Completed)
            .Message("m1", "inbound", T.Day(2), ["VL-1"], body: "Thanks, the followers arrived.")
            .Message("m2", "outbound", T.Day(2.1), ["VL-1"], body: "Glad to hear it!");
        Records.Store.Add(new PolicyAcceptance { Id = "pa1", CustomerId = "C1", Policy = "viplikes-refund", Version = "2024-05", Locale = "nl", AcceptedAt = T.Zero.AddMinutes(-5), Ip = "81.2.3.4" });

        Stripe.Add(new DisputeBuilder().Build() with { Id = Fought, ChargeId = "ch_test" }, Charge("ch_test"));
        Stripe.Add(new DisputeBuilder().Build() with { Id = Owed, ChargeId = "ch_owed", Amount = 10_000 }, Charge("ch_owed"));
        Stripe.Add(new DisputeBuilder().Build() with { Id = Closed, ChargeId = "ch_closed", Status = DisputeStatus.Won }, Charge("ch_closed"));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DisputeKit:TemplatesPath"] = RepoPaths.Templates,
            ["DisputeKit:PolicyId"] = "viplikes-refund",
        }.Concat(settings ?? new Dictionary<string, string?>())).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IMerchantRecords>(Faulty)
            .AddSingleton<IDisputeGateway>(Stripe)
            .AddSingleton<DisputeKit.Core.Warnings.IWarningGateway>(Stripe)
            .AddSingleton<DisputeKit.Core.Warnings.IWarningStore>(Warnings)
            .AddSingleton<ICaseStore>(Cases)
            .AddSingleton<IFlagStore>(Flags)
            .AddSingleton<IPackRenderer>(Renderer)
            .AddSingleton<ISweepLog>(Sweeps)
            .AddSingleton<IScratchSpace, MemoryScratch>()
            .AddDisputeKitCore()
            .BuildServiceProvider();
    }

    public StepClock Clock { get; } = new();

    public Records Records { get; } = new();

    /// <summary>The records as the sweep reads them, failing on demand.</summary>
    public FaultyRecords Faulty => _faulty ??= new FaultyRecords(Records.Store);

    private FaultyRecords? _faulty;

    public FakeGateway Stripe { get; } = new();

    public MemoryCases Cases { get; } = new();

    public MemoryWarnings Warnings { get; } = new();

    public MemoryFlags Flags { get; } = new();

    public FakeRenderer Renderer { get; } = new();

    public MemorySweepLog Sweeps { get; } = new();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<SweepResult> SweepAsync() => Get<SweepRunner>().RunAsync(SweepScope.All, T.Ct);

    /// <summary>Sweeps until no case is failed any more (at most <paramref name="limit"/> times).</summary>
    public async Task<int> SweepUntilSettledAsync(int limit = 10)
    {
        for (var sweeps = 1; sweeps <= limit; sweeps++)
        {
            var result = await SweepAsync();
            if (result.Count(CaseState.Failed) == 0 && !Stripe.HasPendingFaults)
            {
                return sweeps;
            }
        }

        throw new InvalidOperationException($"Still failing after {limit} sweeps.");
    }

    public async Task<DisputeCase> CaseAsync(string disputeId) => (await Cases.GetAsync(disputeId, T.Ct))!;

    public void Dispose() => _services.Dispose();

    public static ChargeDetails Charge(string id) => new()
    {
        Id = id,
        Amount = 10_000,
        Currency = "eur",
        Created = T.Zero,
        CustomerId = "cus_1",
        BillingEmail = "jane.doe@example.test",
        CardFingerprint = "fp_card_0123456789",
    };
}

/// <summary>Sweep summaries kept in memory, each with every outcome written to it.</summary>
internal sealed class MemorySweepLog : ISweepLog
{
    public List<(SweepResult Result, IReadOnlyList<CaseOutcome> Outcomes)> Written { get; } = [];

    public Task<ISweepRecord> BeginAsync(SweepScope scope, DateTimeOffset startedAt, CancellationToken cancellationToken) =>
        Task.FromResult<ISweepRecord>(new Record(this));

    public Task<LastSweep?> LatestAsync(CancellationToken cancellationToken) => Task.FromResult<LastSweep?>(null);

    private sealed class Record(MemorySweepLog log) : ISweepRecord
    {
        private readonly List<CaseOutcome> _outcomes = [];

        public void Add(CaseOutcome outcome)
        {
            lock (_outcomes)
            {
                _outcomes.Add(outcome);
            }
        }

        public Task FinishAsync(SweepResult result, CancellationToken cancellationToken)
        {
            lock (log.Written)
            {
                log.Written.Add((result, [.. _outcomes]));
            }

            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Scratch space in memory, for a sweep's spooled listing.</summary>
internal sealed class MemoryScratch : IScratchSpace
{
    public Stream Create() => new MemoryStream();
}
