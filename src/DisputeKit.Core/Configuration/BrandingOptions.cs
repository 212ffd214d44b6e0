using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Core.Configuration;

/// <summary>How packs present the merchant (section <c>Branding</c>).</summary>
public sealed class BrandingOptions : IValidatableObject
{
    /// <summary>Largest logo file accepted, bytes: it is embedded in every pack.</summary>
    public const int MaxLogoBytes = 256 * 1024;

    private static readonly Dictionary<string, string> LogoTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".svg"] = "image/svg+xml",
    };

    public const string SectionName = "Branding";

    [Required]
    public string Name { get; set; } = "VipLikes";

    /// <summary>Contact line printed on the cover, e.g. a support address.</summary>
    public string? Contact { get; set; } = "support@viplikes.example";

    /// <summary>Accent colour as #rrggbb. Default #1f4e79.</summary>
    [RegularExpression("^#[0-9a-fA-F]{6}$")]
    public string AccentColor { get; set; } = "#1f4e79";

    /// <summary>Logo on the cover of every pack: a PNG, JPEG or SVG file of at most 256 KB. Unset: the name alone.</summary>
    public string? LogoPath { get; set; }

    /// <summary>The logo as a <c>data:</c> URI for the pack, or null when none is configured.</summary>
    public string? LogoDataUri()
    {
        if (string.IsNullOrWhiteSpace(LogoPath))
        {
            return null;
        }

        var type = LogoTypes[Path.GetExtension(LogoPath)];
        return $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(LogoPath))}";
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(LogoPath))
        {
            yield break;
        }

        var full = Path.GetFullPath(LogoPath);
        if (!LogoTypes.ContainsKey(Path.GetExtension(LogoPath)))
        {
            yield return new ValidationResult($"Branding:LogoPath {full} is not a .png, .jpg or .svg file.", [nameof(LogoPath)]);
        }
        else if (!File.Exists(full))
        {
            yield return new ValidationResult($"Branding:LogoPath {full} does not exist.", [nameof(LogoPath)]);
        }
        else if (new FileInfo(full).Length > MaxLogoBytes)
        {
            yield return new ValidationResult(
                $"Branding:LogoPath {full} is {new FileInfo(full).Length:N0} bytes; a logo may be at most {MaxLogoBytes:N0} (it is embedded in every pack).", [nameof(LogoPath)]);
        }
    }
}
