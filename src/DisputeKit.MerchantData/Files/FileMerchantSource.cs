using DisputeKit.Core.Merchant;

namespace DisputeKit.MerchantData.Files;

/// <summary>
/// Reads a folder of merchant-data files into indexed records: for JSON Lines, the indexes and
/// each record's line position (the records are read again when asked for), so memory grows
/// with the indexes only; CSV records are kept whole. <see cref="Postgres.MerchantImporter"/>
/// streams an export into PostgreSQL instead. A later line repeating an id is reported and left
/// out, as the importer does.
/// </summary>
public static class FileMerchantSource
{
    public static async Task<(InMemoryMerchantRecords Records, LoadReport Report)> LoadAsync(
        string folder, CancellationToken cancellationToken)
    {
        var export = new MerchantExport(folder);
        var records = new InMemoryMerchantRecords();

        // check: null when the item may be kept, else why it may not (with whether it is still kept).
        async Task Load<T>(EntityFile entity, Func<T, string>? id, Action<T, RecordLine?> add, Func<T, (string Field, string Problem, bool Keep)?>? check = null)
        {
            var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
            var count = 0;
            await foreach (var (item, line, at) in export.ReadLinesAsync<T>(entity, cancellationToken))
            {
                if (id is not null && !firstLines.TryAdd(id(item), line))
                {
                    export.Duplicate(entity, line, id(item), firstLines[id(item)]);
                    continue;
                }

                if (check?.Invoke(item) is { } problem)
                {
                    export.Problem(entity, line, problem.Field, problem.Problem);
                    if (!problem.Keep)
                    {
                        continue;
                    }
                }

                add(item, at);
                count++;
            }

            export.Kept(entity, count);
        }

        await Load<Customer>(EntityFile.Customers, c => c.Id, records.Add);
        // Every order belongs to a known customer: one that does not is left out rather than shown as "Customer: unknown".
        await Load<Order>(EntityFile.Orders, o => o.Id, records.Add, o => records.HasCustomer(o.CustomerId) ? null
            : ("customer_id", $"customer '{o.CustomerId}' is not in {EntityFile.Customers.Name}; this line is left out", false));
        await Load<DeliveryEvent>(EntityFile.DeliveryEvents, null, records.Add);
        // A message naming an unknown customer is kept: it still counts as contact by its email and order numbers.
        await Load<SupportMessage>(EntityFile.SupportMessages, m => m.Id, records.Add, m => m.CustomerId is not { } customer || records.HasCustomer(customer) ? null
            : ("customer_id", $"customer '{customer}' is not in {EntityFile.Customers.Name}; the message is kept and counts by its email and order numbers", true));
        await Load<PolicyAcceptance>(EntityFile.PolicyAcceptances, a => a.Id, records.Add);
        await Load<AccountActivity>(EntityFile.AccountActivity, null, records.Add);
        await Load<Subscription>(EntityFile.Subscriptions, s => s.Id, records.Add);
        await Load<Refund>(EntityFile.Refunds, r => r.Id, records.Add);

        records.Trim();

        // Reading every line of an export leaves its parsed records behind as garbage, tens to
        // hundreds of MB of it, that the collector would otherwise keep claiming room for through
        // the whole sweep; collected and given back once, here, the sweep starts from what is live.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return (records, export.Report());
    }
}
