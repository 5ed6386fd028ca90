using Microsoft.EntityFrameworkCore;
using Openness.Storage.Entities;

namespace Openness.Storage.Accounts;

public sealed record StoredUser(long Id, string Username, string DisplayName, UserRole Role, string? UnitKey, string PasswordHash,
    int FailedAttempts, DateTimeOffset? LockedUntil);

/// <summary>Thrown for an account that cannot be created as asked (duplicate name, unit user without a unit).</summary>
public sealed class AccountRejectedException(string message) : Exception(message);

/// <summary>
/// User accounts. Passwords arrive already hashed (the web host owns PasswordHasher); the store keeps the failed
/// sign-in count and lock-out so they hold across processes and restarts.
/// </summary>
public sealed class AccountStore
{
    private readonly StorageOptions _options;

    private AccountStore(StorageOptions options) => _options = options;

    public static async Task<AccountStore> OpenAsync(StorageOptions options, CancellationToken ct = default)
    {
        await OpennessDbContextFactory.MigrateAsync(options, ct);
        return new AccountStore(options);
    }

    private OpennessDbContext Context() => OpennessDbContextFactory.Create(_options);

    /// <summary>Usernames compare case-insensitively: stored lower-case.</summary>
    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    public async Task<StoredUser> AddAsync(string username, string displayName, UserRole role, string? unitKey, string passwordHash,
        string createdBy, CancellationToken ct = default)
    {
        var name = Normalize(username);
        if (name.Length is 0 or > 100 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new AccountRejectedException($"用户名“{username}”无效：须为1到100个字符，不含空白。");
        if (role == UserRole.UnitUser && string.IsNullOrWhiteSpace(unitKey))
            throw new AccountRejectedException("单位用户必须绑定一个单位（--unit）。");
        if (role != UserRole.UnitUser) unitKey = null;
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Users.AnyAsync(u => u.Username == name, ct))
            throw new AccountRejectedException($"用户名“{name}”已存在。");
        var now = DateTimeOffset.UtcNow;
        var user = new UserAccount
        {
            Username = name, DisplayName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim(), Role = role.ToString(),
            UnitKey = unitKey?.Trim(), PasswordHash = passwordHash, CreatedAt = now,
        };
        db.Users.Add(user);
        db.AuditTrail.Add(new AuditEntry
        {
            At = now, Actor = createdBy, Action = nameof(AuditAction.UserCreated), UnitKey = user.UnitKey,
            Subject = $"用户 {name}", After = $"{role}{(user.UnitKey is null ? "" : " · " + user.UnitKey)}",
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return ToStored(user);
    }

    /// <summary>Replaces a user's password (and lifts any lock-out), recorded in the audit trail.</summary>
    public async Task SetPasswordAsync(string username, string passwordHash, string actor, CancellationToken ct = default)
    {
        var name = Normalize(username);
        await using var db = Context();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Username == name, ct) ?? throw new AccountRejectedException($"用户“{name}”不存在。");
        user.PasswordHash = passwordHash;
        user.FailedAttempts = 0;
        user.LockedUntil = null;
        db.AuditTrail.Add(new AuditEntry
        {
            At = DateTimeOffset.UtcNow, Actor = actor, Action = nameof(AuditAction.UserPasswordSet), UnitKey = user.UnitKey, Subject = $"用户 {name}",
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<StoredUser?> FindAsync(string username, CancellationToken ct = default)
    {
        var name = Normalize(username);
        await using var db = Context();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Username == name, ct);
        return user is null ? null : ToStored(user);
    }

    public async Task<IReadOnlyList<StoredUser>> ListAsync(CancellationToken ct = default)
    {
        await using var db = Context();
        return (await db.Users.AsNoTracking().OrderBy(u => u.Username).ToListAsync(ct)).Select(ToStored).ToList();
    }

    /// <summary>Counts a failed sign-in; at <paramref name="maxAttempts"/> the account is locked for <paramref name="lockFor"/>.</summary>
    /// <returns>true when this failure locked the account</returns>
    public async Task<bool> RecordFailureAsync(long userId, int maxAttempts, TimeSpan lockFor, CancellationToken ct = default)
    {
        await using var db = Context();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.FailedAttempts++;
        var locked = false;
        if (user.FailedAttempts >= maxAttempts)
        {
            var now = DateTimeOffset.UtcNow;
            user.LockedUntil = now + lockFor;
            user.FailedAttempts = 0;
            locked = true;
            db.AuditTrail.Add(new AuditEntry
            {
                At = now, Actor = "system", Action = nameof(AuditAction.UserLockedOut), UnitKey = user.UnitKey,
                Subject = $"用户 {user.Username}", After = $"锁定至 {user.LockedUntil:yyyy-MM-dd HH:mm:ss} UTC",
                Reason = $"连续{maxAttempts}次密码错误",
            });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return locked;
    }

    /// <summary>Clears the failure count; stores a rehashed password when the hasher asked for one.</summary>
    public async Task RecordSuccessAsync(long userId, string? newPasswordHash, CancellationToken ct = default)
    {
        await using var db = Context();
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        user.FailedAttempts = 0;
        user.LockedUntil = null;
        if (newPasswordHash is not null) user.PasswordHash = newPasswordHash;
        await db.SaveChangesAsync(ct);
    }

    private static StoredUser ToStored(UserAccount u) => new(u.Id, u.Username, u.DisplayName, Enum.Parse<UserRole>(u.Role), u.UnitKey,
        u.PasswordHash, u.FailedAttempts, u.LockedUntil);
}
