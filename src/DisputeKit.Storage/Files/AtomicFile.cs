namespace DisputeKit.Storage.Files;

/// <summary>Writes a file so that readers see the old or the new content, never a torn one.</summary>
internal static class AtomicFile
{
    public static Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, content, overwrite: true, cancellationToken);

    /// <summary>Writes <paramref name="path"/> whole; with <paramref name="overwrite"/> false, false when it exists already (and nothing changes).</summary>
    public static Task<bool> WriteAsync(string path, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, ct) => stream.WriteAsync(content, ct).AsTask(), overwrite, cancellationToken);

    /// <summary>
    /// Writes <paramref name="path"/> whole from what <paramref name="write"/> writes to a stream,
    /// so a large content is never held at once; with <paramref name="overwrite"/> false, false
    /// when it exists already (and nothing changes).
    /// </summary>
    public static async Task<bool> WriteAsync(string path, Func<Stream, CancellationToken, Task> write, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            await write(stream, cancellationToken);
            await stream.FlushAsync(cancellationToken);

            // On the disk before the rename makes it the file: a crash leaves the old or the new one whole.
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temp, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temp);
            return false;
        }
    }
}
