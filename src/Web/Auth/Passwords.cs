using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Openness.Web.Auth;

/// <summary>The shared framework's PasswordHasher (PBKDF2, per-password salt) and a generator for demo/initial passwords.</summary>
public static class Passwords
{
    private sealed class Account;
    private static readonly PasswordHasher<Account> Hasher = new();
    private static readonly Account Anyone = new();
    // Verifying against this when a name is unknown keeps a wrong name as slow as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(Anyone, Generate());

    public static string Hash(string password) => Hasher.HashPassword(Anyone, password);

    /// <returns>(ok, rehashed) where rehashed is a new hash to store when the stored one uses older parameters</returns>
    public static (bool Ok, string? Rehashed) Verify(string hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(Anyone, hash, password);
        return result switch
        {
            PasswordVerificationResult.Success => (true, null),
            PasswordVerificationResult.SuccessRehashNeeded => (true, Hash(password)),
            _ => (false, null),
        };
    }

    public static void VerifyDecoy(string password) => Hasher.VerifyHashedPassword(Anyone, DecoyHash, password);

    /// <summary>16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    public const int MinimumLength = 10;
}
