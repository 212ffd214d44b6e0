namespace DisputeKit.Core.Sweeps;

/// <summary>
/// Port to scratch space: a stream to write and read back within one run (a sweep's listing of
/// disputes), gone once disposed. Core keeps no file of its own; the stores give it one.
/// </summary>
public interface IScratchSpace
{
    /// <summary>A new, empty, readable and writable, seekable stream that nothing else sees.</summary>
    Stream Create();
}
