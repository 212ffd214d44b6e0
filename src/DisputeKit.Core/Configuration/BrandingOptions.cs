using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Configuration;

/// <summary>How packs present the merchant (section <c>Branding</c>).</summary>
public sealed class BrandingOptions
{
    public const string SectionName = "Branding";

    [Required]
    public string Name { get; set; } = "VipLikes";

    /// <summary>Contact line printed on the cover, e.g. a support address.</summary>
    public string? Contact { get; set; } = "support@viplikes.example";

    /// <summary>Accent colour as #rrggbb. Default #1f4e79.</summary>
    [RegularExpression("^#[0-9a-fA-F]{6}$")]
    public string AccentColor { get; set; } = "#1f4e79";
}
