using DisputeKit.Core.Merchant;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Reads a folder of merchant-data JSON Lines files into indexed records held in memory, for
/// exports that fit in memory; <see cref="Postgres.MerchantImporter"/> streams larger ones into
/// PostgreSQL. A later line repeating an id is reported and left out, as the importer does.
/// </summary>
public static class FileMerchantSource
{
    public static async Task<(InMemoryMerchantRecords Records, LoadReport Report)> LoadAsync(
        string folder, CancellationToken cancellationToken)
    {
        var export = new MerchantExport(folder);
        var records = new InMemoryMerchantRecords();

        async Task Load<T>(EntityFile entity, Func<T, string>? id, Action<T> add)
        {
            var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
            var count = 0;
            await foreach (var (item, line) in export.ReadAsync<T>(entity, cancellationToken))
            {
                if (id is not null && !firstLines.TryAdd(id(item), line))
                {
                    export.Duplicate(entity, line, id(item), firstLines[id(item)]);
                    continue;
                }

                add(item);
                count++;
            }

            export.Kept(entity, count);
        }

        await Load<Customer>(EntityFile.Customers, c => c.Id, records.Add);
        await Load<Order>(EntityFile.Orders, o => o.Id, records.Add);
        await Load<DeliveryEvent>(EntityFile.DeliveryEvents, null, records.Add);
        await Load<SupportMessage>(EntityFile.SupportMessages, m => m.Id, records.Add);
        await Load<PolicyAcceptance>(EntityFile.PolicyAcceptances, a => a.Id, records.Add);
        await Load<AccountActivity>(EntityFile.AccountActivity, null, records.Add);
        await Load<Subscription>(EntityFile.Subscriptions, s => s.Id, records.Add);
        await Load<Refund>(EntityFile.Refunds, r => r.Id, records.Add);

        return (records, export.Report());
    }
}
