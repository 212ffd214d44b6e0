using DisputeKit.Core.Support;
using DisputeKit.Support.Imap;
using DisputeKit.Support.Zendesk;
using Microsoft.Extensions.Configuration;

#pragma warning disable IDE0130 // DI extensions live in the DI namespace, as Microsoft.Extensions.* do.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

public static class SupportServiceCollectionExtensions
{
    /// <summary>
    /// The support sources <c>DisputeKit:Support:Sources</c> lists, each an <see cref="ISupportSource"/>:
    /// <c>Kind</c> <c>imap</c> (the support mailbox), <c>zendesk</c> (the helpdesk) or <c>records</c> (the seller's exported messages, which count only when listed once a list is given). Settings that cannot work are refused here, each named with its place in the list.
    /// </summary>
    public static IServiceCollection AddSupportSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection("DisputeKit:Support:Sources").GetChildren())
        {
            var where = $"DisputeKit:Support:Sources:{entry.Key}";
            switch (entry["Kind"]?.Trim().ToLowerInvariant())
            {
                case "imap":
                    var imap = entry.Get<ImapOptions>() ?? new ImapOptions();
                    if (string.IsNullOrWhiteSpace(imap.Address) || !imap.Address.Contains('@', StringComparison.Ordinal))
                    {
                        problems.Add($"{where}:Address must be the support mailbox's address.");
                    }

                    if (string.IsNullOrWhiteSpace(imap.Host))
                    {
                        problems.Add($"{where}:Host must name the IMAP server.");
                    }

                    if (imap.Security.ToLowerInvariant() is not ("ssl" or "starttls" or "none"))
                    {
                        problems.Add($"{where}:Security must be ssl, starttls or none, not '{imap.Security}'.");
                    }

                    if (imap.Port is < 1 or > 65535 || imap.PageSize < 1)
                    {
                        problems.Add($"{where}: Port must be 1–65535 and PageSize at least 1.");
                    }

                    var source = new ImapSupportSource(imap);
                    if (!names.Add(source.Name))
                    {
                        problems.Add($"{where}: {source.Name} is listed twice.");
                    }

                    services.AddSingleton<ISupportSource>(source);
                    break;
                case "zendesk":
                    var zendesk = entry.Get<ZendeskOptions>() ?? new ZendeskOptions();
                    if (!Uri.TryCreate(zendesk.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                    {
                        problems.Add($"{where}:Url must be the helpdesk's address, e.g. https://shop.zendesk.com.");
                        break;
                    }

                    if (string.IsNullOrWhiteSpace(zendesk.Email) || !zendesk.Email.Contains('@', StringComparison.Ordinal))
                    {
                        problems.Add($"{where}:Email must be the agent the API token belongs to.");
                    }

                    if (zendesk.Attempts < 1)
                    {
                        problems.Add($"{where}:Attempts must be at least 1.");
                    }

                    if (!names.Add($"helpdesk {url.Host}"))
                    {
                        problems.Add($"{where}: helpdesk {url.Host} is listed twice.");
                    }

                    services.AddHttpClient(nameof(ZendeskSupportSource));
                    services.AddSingleton<ISupportSource>(sp => new ZendeskSupportSource(
                        zendesk, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ZendeskSupportSource)), sp.GetService<TimeProvider>() ?? TimeProvider.System));
                    break;
                case "records":
                    // The seller's exported messages: read where they are (Core reads the list for this entry).
                    break;
                case null or "":
                    problems.Add($"{where}:Kind is missing (imap, zendesk or records).");
                    break;
                case var other:
                    problems.Add($"{where}:Kind '{other}' is not a support source DisputeKit reads (imap, zendesk or records).");
                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        return services;
    }
}
