namespace DisputeKit.MerchantData.Files;

/// <summary>A line that could not be loaded: which file, which line, which field, and why.</summary>
public sealed record LoadIssue(string File, int Line, string? Field, string Problem)
{
    public override string ToString() =>
        Field is null ? $"{File} line {Line}: {Problem}" : $"{File} line {Line}, field '{Field}': {Problem}";
}
