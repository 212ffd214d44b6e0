using DisputeKit.Core.Sweeps;

namespace DisputeKit.Storage;

/// <summary>
/// Scratch space in the system's temporary folder: a file nobody else opens. On Linux its name is
/// removed as soon as it is open, so the space goes back to the system when the stream closes or
/// the process dies, even killed; elsewhere it is deleted when the stream closes.
/// </summary>
public sealed class TempScratch : IScratchSpace
{
    public Stream Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"disputekit-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        return stream;
    }
}
