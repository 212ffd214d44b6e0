using DisputeKit.Core.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DisputeKit.Shop;

public static class ShopServiceCollectionExtensions
{
    /// <summary>
    /// The account action <c>DisputeKit:AccountAction</c> names. Settings that cannot work are
    /// refused here, at start, each problem naming its setting.
    /// </summary>
    public static IServiceCollection AddAccountAction(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountActionOptions.Section).Get<AccountActionOptions>() ?? new AccountActionOptions();
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        switch (options.Kind)
        {
            case "webhook":
                services.AddSingleton<IAccountAction>(sp => new WebhookAccountAction(
                    new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, options, sp.GetRequiredService<TimeProvider>()));
                break;
            case "sql":
                services.AddSingleton<IAccountAction>(_ => new SqlAccountAction(NpgsqlDataSource.Create(options.ConnectionString!), options));
                break;
            default:
                services.AddSingleton<IAccountAction, NoAccountAction>();
                break;
        }

        return services;
    }
}
