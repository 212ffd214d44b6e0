using System.ComponentModel;
using System.Globalization;

namespace DisputeKit.Review;

/// <summary>
/// What a signed-in person may do. Finance answers disputes (submit, accept, hold, preview);
/// support decides on flagged accounts (confirm, lift, note); a viewer reads everything and
/// changes nothing. Every action is checked on the server, whatever the page showed.
/// </summary>
public static class ReviewRoles
{
    public const string Finance = "finance";
    public const string Support = "support";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Finance, Support, Viewer];

    /// <summary>The role of a user configured without one, and of the shared token by default: the flag review they had before roles.</summary>
    public const string Default = Support;

    public static bool IsKnown(string? role) => role is Finance or Support or Viewer;

    public static bool AnswersDisputes(string role) => role == Finance;

    public static bool DecidesFlags(string role) => role == Support;

    /// <summary>The first page after signing in: finance's queue, support's flags; a viewer starts at the queue.</summary>
    public static string Home(string role) => role == Support ? "/flags" : "/disputes";
}

/// <summary>
/// A configured person: <c>DisputeKit:Review:Users:&lt;name&gt;:Password</c> (a hash made by
/// <c>disputekit hash-password</c>) and <c>:Role</c>. The older form, the hash alone as
/// <c>DisputeKit:Review:Users:&lt;name&gt;</c>, still reads, with the <see cref="ReviewRoles.Default"/> role.
/// </summary>
[TypeConverter(typeof(ReviewUserConverter))]
public sealed class ReviewUser
{
    public string Password { get; set; } = string.Empty;

    public string Role { get; set; } = ReviewRoles.Default;

    /// <summary>A user with this password hash and the default role (the older, hash-only setting).</summary>
    public static ReviewUser FromString(string hash) => new() { Password = hash };

    public static implicit operator ReviewUser(string hash) => FromString(hash);
}

/// <summary>Reads a hash-only user setting (<c>Users:&lt;name&gt; = pbkdf2-sha512$…</c>) as a <see cref="ReviewUser"/>.</summary>
public sealed class ReviewUserConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string hash ? ReviewUser.FromString(hash) : base.ConvertFrom(context, culture, value);
}
