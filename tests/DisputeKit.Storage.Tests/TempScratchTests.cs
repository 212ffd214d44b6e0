using DisputeKit.Storage;
using Shouldly;

namespace DisputeKit.Storage.Tests;

public sealed class TempScratchTests
{
    [Fact]
    public void Create_ReadsBackWhatWasWritten_LeavesNoFileBehind_EvenWhileOpen()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), $"disputekit-{Environment.ProcessId}-*").Length;
        using (var scratch = new TempScratch().Create())
        {
            scratch.Write([1, 2, 3, 4]);
            scratch.Position = 1;
            scratch.ReadByte().ShouldBe(2);
            if (!OperatingSystem.IsWindows())
            {
                // No name to leave behind if the process is killed.
                Directory.GetFiles(Path.GetTempPath(), $"disputekit-{Environment.ProcessId}-*").Length.ShouldBe(before);
            }
        }

        Directory.GetFiles(Path.GetTempPath(), $"disputekit-{Environment.ProcessId}-*").Length.ShouldBe(before);
    }
}
