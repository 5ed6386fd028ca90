using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Openness.Storage.Accounts;

namespace Openness.Web.Auth;

public enum SignInOutcome { Ok, WrongCredentials, LockedOut }

public sealed record SignInResult(SignInOutcome Outcome, ClaimsPrincipal? Principal, DateTimeOffset? LockedUntil);

/// <summary>Checks a name and password against the store, counting failures and locking an account after too many.</summary>
public sealed class SignInService(AccountStore accounts, WebAppOptions options)
{
    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(username) ? null : await accounts.FindAsync(username, ct);
        if (user is null)
        {
            Passwords.VerifyDecoy(password ?? "");
            return new SignInResult(SignInOutcome.WrongCredentials, null, null);
        }
        // A locked account is refused before the password is looked at, so guessing during the lock-out learns nothing.
        if (user.LockedUntil is { } until && until > DateTimeOffset.UtcNow)
            return new SignInResult(SignInOutcome.LockedOut, null, until);
        var (ok, rehashed) = Passwords.Verify(user.PasswordHash, password ?? "");
        if (!ok)
        {
            var locked = await accounts.RecordFailureAsync(user.Id, options.MaxFailedSignIns, options.LockOut, ct);
            return locked
                ? new SignInResult(SignInOutcome.LockedOut, null, DateTimeOffset.UtcNow + options.LockOut)
                : new SignInResult(SignInOutcome.WrongCredentials, null, null);
        }
        await accounts.RecordSuccessAsync(user.Id, rehashed, ct);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(Access.DisplayClaim, user.DisplayName),
        };
        if (user.UnitKey is { } unit) claims.Add(new Claim(Access.UnitClaim, unit));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        return new SignInResult(SignInOutcome.Ok, principal, null);
    }

    /// <summary>Only a path on this site: "/x" but not "//host" or "/\host", which browsers treat as another origin.</summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
