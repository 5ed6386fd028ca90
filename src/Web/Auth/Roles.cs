using System.Security.Claims;
using Openness.Storage;

namespace Openness.Web.Auth;

/// <summary>Claims a signed-in user carries, and who may see which unit.</summary>
public static class Access
{
    public const string UnitClaim = "openness:unit";
    public const string DisplayClaim = "openness:display";
    public const string Staff = "staff";
    public const string Office = "office";
    public const string Reviewers = "reviewers";

    public static UserRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var r) ? r : null;

    public static string UserName(this ClaimsPrincipal user) => user.Identity?.Name ?? "";

    public static string? UnitKey(this ClaimsPrincipal user) => user.FindFirstValue(UnitClaim);

    public static bool IsStaff(this ClaimsPrincipal user) => user.Role() is UserRole.OfficeAdministrator or UserRole.Assessor;

    /// <summary>Office and assessors see every unit; a unit user sees only the unit the account is bound to.</summary>
    public static bool CanSeeUnit(this ClaimsPrincipal user, string unitKey) =>
        user.IsStaff() || (user.Role() == UserRole.UnitUser && user.UnitKey() is { } own && string.Equals(own, unitKey, StringComparison.Ordinal));

    public static string RoleName(UserRole role) => role switch
    {
        UserRole.OfficeAdministrator => "政务公开办管理员",
        UserRole.Assessor => "评估人员",
        _ => "被评估单位",
    };
}
