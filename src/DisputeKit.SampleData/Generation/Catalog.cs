using DisputeKit.Core.Merchant;

namespace DisputeKit.SampleData.Generation;

/// <summary>The sample shop's services: every service kind, several platforms.</summary>
internal static class Catalog
{
    public static IReadOnlyList<CatalogItem> Services { get; } =
    [
        new(new ServiceInfo { Id = "ig-followers-hq", Name = "Instagram Followers – High Quality", Platform = "instagram", Kind = ServiceKind.Followers, StartWithinHours = 24, RefillDays = 30 }, 390, 100, 5000),
        new(new ServiceInfo { Id = "ig-followers-nl", Name = "Instagram Followers – Netherlands", Platform = "instagram", Kind = ServiceKind.Followers, StartWithinHours = 48, RefillDays = 30, TargetCountry = "NL" }, 890, 100, 2000),
        new(new ServiceInfo { Id = "ig-likes", Name = "Instagram Likes", Platform = "instagram", Kind = ServiceKind.Likes, StartWithinHours = 12, RefillDays = 30 }, 190, 50, 5000),
        new(new ServiceInfo { Id = "tt-views", Name = "TikTok Views", Platform = "tiktok", Kind = ServiceKind.Views, StartWithinHours = 12, RefillDays = 30 }, 15, 1000, 50000),
        new(new ServiceInfo { Id = "tt-followers", Name = "TikTok Followers", Platform = "tiktok", Kind = ServiceKind.Followers, StartWithinHours = 24, RefillDays = 30 }, 490, 100, 5000),
        new(new ServiceInfo { Id = "yt-subscribers", Name = "YouTube Subscribers", Platform = "youtube", Kind = ServiceKind.Subscribers, StartWithinHours = 48, RefillDays = 30 }, 1190, 50, 1000),
        new(new ServiceInfo { Id = "yt-views", Name = "YouTube Views", Platform = "youtube", Kind = ServiceKind.Views, StartWithinHours = 24, RefillDays = 30 }, 45, 1000, 20000),
        new(new ServiceInfo { Id = "fb-likes", Name = "Facebook Page Likes", Platform = "facebook", Kind = ServiceKind.Likes, StartWithinHours = 24, RefillDays = 30 }, 390, 100, 2000),
        new(new ServiceInfo { Id = "x-followers", Name = "X Followers", Platform = "x", Kind = ServiceKind.Followers, StartWithinHours = 24, RefillDays = 30 }, 590, 100, 2000),
        new(new ServiceInfo { Id = "ig-comments", Name = "Instagram Custom Comments", Platform = "instagram", Kind = ServiceKind.Comments, StartWithinHours = 24, RefillDays = 30 }, 4000, 10, 200),
        new(new ServiceInfo { Id = "tt-shares", Name = "TikTok Shares", Platform = "tiktok", Kind = ServiceKind.Shares, StartWithinHours = 24, RefillDays = 30 }, 290, 100, 2000),
        new(new ServiceInfo { Id = "sp-plays", Name = "Spotify Plays", Platform = "spotify", Kind = ServiceKind.Plays, StartWithinHours = 24, RefillDays = 30 }, 25, 1000, 20000),
        new(new ServiceInfo { Id = "ig-auto-likes", Name = "Instagram Automatic Likes", Platform = "instagram", Kind = ServiceKind.AutoLikes, StartWithinHours = 12, RefillDays = 30 }, 290, 100, 1000),
        new(new ServiceInfo { Id = "ig-account-1k", Name = "Instagram Account – 1K Followers", Platform = "instagram", Kind = ServiceKind.Account, StartWithinHours = 24, RefillDays = 0 }, 2500, 1, 1),
    ];

    public static CatalogItem OfKind(string kind) => Services.First(s => s.Service.Kind == kind);
}

/// <summary>A service with its price (minor units per 100 units, or per account) and order size range.</summary>
internal sealed record CatalogItem(ServiceInfo Service, long PricePer100, long MinQuantity, long MaxQuantity)
{
    public long PriceOf(long quantity) =>
        Service.Kind == ServiceKind.Account ? PricePer100 * quantity : Math.Max(299, PricePer100 * quantity / 100);
}
