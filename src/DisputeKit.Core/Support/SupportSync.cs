using Microsoft.Extensions.Logging;

namespace DisputeKit.Core.Support;

/// <summary>
/// Brings the store up to date with every configured support source, each from its saved
/// position, a page at a time. A source that cannot be read is recorded as failed, named in the
/// result, and the others go on; its messages read so far stay.
/// </summary>
public sealed partial class SupportSync(IEnumerable<ISupportSource> sources, TimeProvider clock, ILogger<SupportSync> logger, ISupportStore? store = null)
{
    private readonly IReadOnlyList<ISupportSource> _sources = [.. sources];

    /// <summary>True when any source is configured (the seller's exported messages are not a source to sync).</summary>
    public bool Any => _sources.Count > 0;

    public async Task<SupportSyncResult> RunAsync(CancellationToken cancellationToken)
    {
        if (_sources.Count == 0)
        {
            return new SupportSyncResult([]);
        }

        if (store is null)
        {
            throw new InvalidOperationException("DisputeKit:Support:Sources are configured, but no store to keep their messages was added (AddStores).");
        }

        var results = new List<SupportSourceSync>(_sources.Count);
        var states = (await store.StatesAsync(cancellationToken)).ToDictionary(s => s.Source, StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            var read = 0;
            var skipped = new List<string>();
            var notContact = 0;
            try
            {
                await foreach (var page in source.ReadAsync(states.GetValueOrDefault(source.Name)?.Position, cancellationToken))
                {
                    await store.SavePageAsync(source.Name, page.Messages, page.Position, cancellationToken);
                    read += page.Messages.Count;
                    notContact += page.NotContact;
                    foreach (var why in page.Skipped)
                    {
                        Log.MessageSkipped(logger, source.Name, why);
                        skipped.Add(why);
                    }
                }

                await store.RecordSyncAsync(source.Name, clock.GetUtcNow(), null, cancellationToken);
                results.Add(new SupportSourceSync(source.Name, read, notContact, skipped, null));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var problem = $"{e.GetType().Name}: {e.Message}";
                Log.SourceFailed(logger, source.Name, problem);
                await store.RecordSyncAsync(source.Name, clock.GetUtcNow(), problem, cancellationToken);
                results.Add(new SupportSourceSync(source.Name, read, notContact, skipped, problem));
            }
        }

        return new SupportSyncResult(results);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Support source {Source}: a message was skipped: {Why}")]
        public static partial void MessageSkipped(ILogger logger, string source, string why);

        [LoggerMessage(EventId = 1802, Level = LogLevel.Error, Message = "Support source {Source} could not be read: {Problem}")]
        public static partial void SourceFailed(ILogger logger, string source, string problem);
    }
}

/// <summary>What one sync did, source by source.</summary>
public sealed record SupportSyncResult(IReadOnlyList<SupportSourceSync> Sources)
{
    public IEnumerable<SupportSourceSync> Failed => Sources.Where(s => s.Problem is not null);
}

/// <summary>One source's sync: messages read (new or again), auto-replies and bounces left out, messages skipped as unreadable, and the problem when it failed.</summary>
public sealed record SupportSourceSync(string Source, int Read, int NotContact, IReadOnlyList<string> Skipped, string? Problem);
