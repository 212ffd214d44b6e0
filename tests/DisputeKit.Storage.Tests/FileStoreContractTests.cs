using DisputeKit.Core.Accounts;
using DisputeKit.Core.Cases;
using DisputeKit.Core.Sweeps;
using DisputeKit.Storage.Files;
using DisputeKit.Testing;
using Shouldly;

namespace DisputeKit.Storage.Tests;

/// <summary>The store contract against the embedded default: files under a fresh data folder.</summary>
public sealed class FileStoreContractTests : StoreContract, IDisposable
{
    private readonly TempFolder _work = new("store");
    private readonly DataFolder _folder;

    public FileStoreContractTests()
    {
        _folder = new DataFolder(_work.Sub("data"));
        Cases = new FileCaseStore(_folder);
        Flags = new FileFlagStore(_folder);
        Sweeps = new FileSweepLog(_folder);
        Support = new FileSupportStore(_folder);
        Events = new FileEventStore(_folder);
        Warnings = new FileWarningStore(_folder);
    }

    protected override ICaseStore Cases { get; }

    protected override IFlagStore Flags { get; }

    protected override ISweepLog Sweeps { get; }

    protected override DisputeKit.Core.Support.ISupportStore Support { get; }

    protected override DisputeKit.Core.Events.IEventStore Events { get; }

    protected override DisputeKit.Core.Warnings.IWarningStore Warnings { get; }

    protected override Task CorruptAsync(string disputeId) =>
        File.WriteAllTextAsync(Path.Combine(_folder.Cases, disputeId + ".json"), "{\"dispute_id\": \"" + disputeId + "\", \"state\": ", Ct);

    protected override async Task<IReadOnlyList<string>> SummariesAsync()
    {
        if (!Directory.Exists(_folder.Sweeps))
        {
            return [];
        }

        var summaries = new List<string>();
        foreach (var file in Directory.GetFiles(_folder.Sweeps, "*.json"))
        {
            summaries.Add(await File.ReadAllTextAsync(file, Ct));
        }

        return summaries;
    }

    [Fact]
    public async Task SweepLog_ASweepThatStops_LeavesNoFileBehind()
    {
        await using (var record = await Sweeps.BeginAsync(SweepScope.All, DateTimeOffset.UnixEpoch, Ct))
        {
            record.Add(new CaseOutcome { DisputeId = "dp_1", Reason = "fraudulent", Amount = 1, Currency = "eur", State = CaseState.Staged, Changed = true });
            Directory.GetFiles(_folder.Sweeps).ShouldHaveSingleItem().ShouldEndWith(".tmp");
        }

        Directory.GetFiles(_folder.Sweeps).ShouldBeEmpty();
    }

    [Fact]
    public async Task SweepLog_ASummaryAKilledProcessWasWriting_RemovedByTheNextSweep_OnesBeingWrittenKept()
    {
        Directory.CreateDirectory(_folder.Sweeps);
        // No process has pid 2^22 + 1 (the kernel's largest is 2^22).
        var orphan = Path.Combine(_folder.Sweeps, $"20261101T020000000Z.json.{(1 << 22) + 1}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(_folder.Sweeps, $"20261101T020000000Z.json.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(orphan, "{\"outcomes\":[", Ct);
        await File.WriteAllTextAsync(live, "{\"outcomes\":[", Ct);

        await using (await Sweeps.BeginAsync(SweepScope.All, DateTimeOffset.UnixEpoch, Ct))
        {
        }

        File.Exists(orphan).ShouldBeFalse();
        File.Exists(live).ShouldBeTrue("this process may be writing it");
    }

    public void Dispose() => _work.Dispose();
}
