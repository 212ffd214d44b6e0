using System.Runtime.CompilerServices;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// A folder in the merchant-data format, read one entity file at a time and one line at a time,
/// so that what reads it decides what to keep. Tallies what loaded and every line left out.
/// </summary>
public sealed class MerchantExport
{
    private readonly string _folder;
    private readonly List<LoadIssue> _issues = [];
    private readonly Dictionary<string, int> _loaded = new(StringComparer.Ordinal);
    private readonly List<string> _missing = [];
    private readonly Dictionary<string, string> _read = new(StringComparer.Ordinal);
    private long _bytes;

    public MerchantExport(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Merchant data folder not found: {folder}");
        }

        _folder = folder;
    }

    /// <summary>
    /// Each entity of <paramref name="entity"/>'s file (JSON Lines, or else CSV) that is well formed and has its required fields,
    /// with its line number; a missing file yields nothing and is noted. With <paramref name="quiet"/>
    /// the file is read again without noting anything (a second pass over what was reported).
    /// </summary>
    public async IAsyncEnumerable<(T Item, int Line)> ReadAsync<T>(
        EntityFile entity, [EnumeratorCancellation] CancellationToken cancellationToken, bool quiet = false)
    {
        await foreach (var (item, line, _) in ReadLinesAsync<T>(entity, cancellationToken, quiet))
        {
            yield return (item, line);
        }
    }

    /// <summary>
    /// As <see cref="ReadAsync{T}"/>, with where each entity's line is in a JSON Lines file (null
    /// for CSV, whose records span lines), so a reader may keep the position instead of the entity.
    /// </summary>
    public async IAsyncEnumerable<(T Item, int Line, RecordLine? At)> ReadLinesAsync<T>(
        EntityFile entity, [EnumeratorCancellation] CancellationToken cancellationToken, bool quiet = false)
    {
        var path = Path.Combine(_folder, entity.Name);
        var csv = Path.ChangeExtension(path, ".csv");
        ICollection<LoadIssue> issues = quiet ? new List<LoadIssue>() : _issues;
        if (File.Exists(path))
        {
            _bytes += quiet ? 0 : new FileInfo(path).Length;
            await foreach (var (item, line, at) in JsonLinesReader.ReadAsync<T>(path, entity, issues, cancellationToken))
            {
                yield return (item, line, at);
            }
        }
        else if (File.Exists(csv))
        {
            _read[entity.Name] = Path.GetFileName(csv);
            _bytes += quiet ? 0 : new FileInfo(csv).Length;
            await foreach (var (item, line) in CsvReader.ReadAsync<T>(csv, entity, issues, cancellationToken))
            {
                yield return (item, line, null);
            }
        }
        else if (!quiet)
        {
            _missing.Add(entity.Name);
            _loaded[entity.Name] = 0;
        }
    }

    /// <summary>Counts what was kept of an entity file.</summary>
    public void Kept(EntityFile entity, int count) => _loaded[FileName(entity)] = count;

    /// <summary>A line whose id an earlier line of the same file already had: the first one is kept.</summary>
    public void Duplicate(EntityFile entity, int line, string id, int firstLine) =>
        _issues.Add(new LoadIssue(FileName(entity), line, "id", $"duplicate id '{id}' (first on line {firstLine}); this line is left out"));

    /// <summary>A line that is well formed but does not fit the rest of the export (a reference to nothing).</summary>
    public void Problem(EntityFile entity, int line, string field, string problem) =>
        _issues.Add(new LoadIssue(FileName(entity), line, field, problem));

    /// <summary>
    /// Why the entity file cannot be used as a source: it is missing (neither JSON Lines nor CSV),
    /// not a file, or has no line at all; null when it has content.
    /// </summary>
    public string? Unusable(EntityFile entity)
    {
        var path = Path.Combine(_folder, entity.Name);
        var csv = Path.ChangeExtension(path, ".csv");
        var file = File.Exists(path) ? path : File.Exists(csv) ? csv : null;
        if (file is null)
        {
            return Directory.Exists(path) ? $"{path} is a folder, not a file" : $"{path} is missing";
        }

        using var reader = new StreamReader(file);
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                return null;
            }
        }

        return $"{file} is empty";
    }

    /// <summary>The file an entity was read from: its JSON Lines file, or the CSV one in its place.</summary>
    private string FileName(EntityFile entity) => _read.GetValueOrDefault(entity.Name, entity.Name);

    public LoadReport Report() =>
        new(_loaded, [.. _issues.OrderBy(i => FileRank(i.File)).ThenBy(i => i.Line)], _missing) { Bytes = _bytes };

    /// <summary>Issues are listed file by file in reading order, then by line, however they were found.</summary>
    private static int FileRank(string file)
    {
        for (var i = 0; i < EntityFile.All.Count; i++)
        {
            if (Path.GetFileNameWithoutExtension(EntityFile.All[i].Name) == Path.GetFileNameWithoutExtension(file))
            {
                return i;
            }
        }

        return EntityFile.All.Count;
    }
}
