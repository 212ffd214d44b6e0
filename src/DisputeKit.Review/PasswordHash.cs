using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DisputeKit.Review;

/// <summary>
/// Reviewers' passwords as PBKDF2-HMAC-SHA512 hashes with a random salt:
/// <c>pbkdf2-sha512$iterations$salt$hash</c> (salt and hash in base64). Only the hash is configured.
/// </summary>
public static class PasswordHash
{
    private const string Scheme = "pbkdf2-sha512";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool IsWellFormed(string? stored) => Parse(stored) is not null;

    /// <summary>True when <paramref name="password"/> is the one <paramref name="stored"/> was made from; the comparison takes the same time either way.</summary>
    public static bool Verify(string password, string stored)
    {
        if (Parse(stored) is not var (iterations, salt, expected))
        {
            return false;
        }

        var actual = Derive(password ?? string.Empty, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time a verification would, so an unknown name answers no faster than a known one.</summary>
    public static void Waste(string password) => Derive(password ?? string.Empty, new byte[SaltBytes], Iterations, HashBytes);

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, length);

    private static (int Iterations, byte[] Salt, byte[] Hash)? Parse(string? stored)
    {
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var count, var salt, var hash]
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 10_000)
        {
            return null;
        }

        try
        {
            var saltBytes = Convert.FromBase64String(salt);
            var hashBytes = Convert.FromBase64String(hash);
            return saltBytes.Length >= 8 && hashBytes.Length >= 16 ? (iterations, saltBytes, hashBytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
