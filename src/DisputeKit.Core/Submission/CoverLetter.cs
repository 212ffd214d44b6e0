namespace DisputeKit.Core.Submission;

/// <summary>The cover letter that opens the pack: a title and short paragraphs answering the dispute reason.</summary>
public sealed record CoverLetter(string Title, IReadOnlyList<string> Paragraphs);
