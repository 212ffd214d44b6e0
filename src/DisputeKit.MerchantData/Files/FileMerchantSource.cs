using DisputeKit.Core.Merchant;

namespace DisputeKit.MerchantData.Files;

/// <summary>Reads a folder of merchant-data JSON Lines files into indexed records.</summary>
public static class FileMerchantSource
{
    public static async Task<(InMemoryMerchantRecords Records, LoadReport Report)> LoadAsync(
        string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Merchant data folder not found: {folder}");
        }

        var records = new InMemoryMerchantRecords();
        var issues = new List<LoadIssue>();
        var loaded = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();

        async Task Load<T>(EntityFile entity, Action<T> add)
        {
            var path = Path.Combine(folder, entity.Name);
            if (!File.Exists(path))
            {
                missing.Add(entity.Name);
                loaded[entity.Name] = 0;
                return;
            }

            var count = 0;
            await foreach (var item in JsonLinesReader.ReadAsync<T>(path, entity, issues, cancellationToken))
            {
                add(item);
                count++;
            }

            loaded[entity.Name] = count;
        }

        await Load<Customer>(EntityFile.Customers, records.Add);
        await Load<Order>(EntityFile.Orders, records.Add);
        await Load<DeliveryEvent>(EntityFile.DeliveryEvents, records.Add);
        await Load<SupportMessage>(EntityFile.SupportMessages, records.Add);
        await Load<PolicyAcceptance>(EntityFile.PolicyAcceptances, records.Add);
        await Load<AccountActivity>(EntityFile.AccountActivity, records.Add);
        await Load<Subscription>(EntityFile.Subscriptions, records.Add);
        await Load<Refund>(EntityFile.Refunds, records.Add);

        return (records, new LoadReport(loaded, issues, missing));
    }
}
