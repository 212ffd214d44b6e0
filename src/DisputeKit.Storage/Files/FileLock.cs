namespace DisputeKit.Storage.Files;

/// <summary>
/// An exclusive lock on a lock file, held while the returned stream is open and released by the
/// operating system when the process dies. Lock files are never deleted: deleting one while
/// another process waits on it would let two processes each lock a different file of the same name.
/// </summary>
internal static class FileLock
{
    public static FileStream? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    public static async Task<FileStream> AcquireAsync(string path, TimeSpan wait, CancellationToken cancellationToken)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var waited = TimeSpan.Zero; ; waited += step)
        {
            if (TryAcquire(path) is { } held)
            {
                return held;
            }

            if (waited >= wait)
            {
                throw new IOException($"Another DisputeKit process holds {path}; waited {wait.TotalSeconds:0} s.");
            }

            await Task.Delay(step, cancellationToken);
        }
    }
}
