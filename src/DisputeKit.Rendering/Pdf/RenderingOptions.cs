using System.ComponentModel.DataAnnotations;

namespace DisputeKit.Rendering.Pdf;

/// <summary>How packs are printed (section <c>Rendering</c>).</summary>
public sealed class RenderingOptions
{
    public const string SectionName = "Rendering";

    /// <summary>The Chromium binary. Default <c>/usr/bin/chromium</c> (Debian's package).</summary>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Longest one pack may take to print, seconds. Default 60.</summary>
    [Range(1, 600)]
    public int PackTimeoutSeconds { get; set; } = 60;

    /// <summary>Packs printed at once. Default 2.</summary>
    [Range(1, 16)]
    public int MaxConcurrency { get; set; } = 2;
}
