using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage;

/// <summary>Scratch space in the system's temporary folder: a file nobody else opens, deleted when its stream closes (or by the system, after a crash).</summary>
public sealed class TempScratch : IScratchSpace
{
    public Stream Create() => new FileStream(
        Path.Combine(Path.GetTempPath(), $"disputekit-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
}
