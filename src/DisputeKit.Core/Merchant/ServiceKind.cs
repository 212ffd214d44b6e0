namespace DisputeKit.Core.Merchant;

/// <summary>The service kinds of the merchant-data format.</summary>
public static class ServiceKind
{
    public const string Followers = "followers";
    public const string Likes = "likes";
    public const string Views = "views";
    public const string Comments = "comments";
    public const string Shares = "shares";
    public const string Subscribers = "subscribers";
    public const string Plays = "plays";
    public const string AutoLikes = "auto_likes";
    public const string Account = "account";

    public static IReadOnlyList<string> All { get; } =
        [Followers, Likes, Views, Comments, Shares, Subscribers, Plays, AutoLikes, Account];
}
