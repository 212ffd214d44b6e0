namespace DisputeKit.StripeFake;

/// <summary>A request the fake received, as tests and the embedded default inspect it.</summary>
public sealed record RecordedRequest
{
    public required string Method { get; init; }
    public required string Path { get; init; }
    public required string Query { get; init; }
    public required IReadOnlyDictionary<string, string> Form { get; init; }
    public string? IdempotencyKey { get; init; }
    public required int Status { get; init; }
    /// <summary>True when the answer was replayed from an earlier request with the same idempotency key.</summary>
    public bool Replayed { get; init; }
    /// <summary>The injected fault this request was answered with (<c>429</c>, <c>500</c>, <c>drop</c>, …), if any.</summary>
    public string? Fault { get; init; }
}
