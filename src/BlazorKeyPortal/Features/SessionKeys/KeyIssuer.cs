using BlazorKeyPortal.Data.Entities;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>Who asks for a key: a portal user (with the teams of the reps they act as) or an API account.</summary>
public sealed record KeyIssuer(IssuerKind Kind, string Name, int? ApiAccountId, IReadOnlySet<int> TeamIds)
{
    public static KeyIssuer User(string userName, IReadOnlySet<int> teamIds) => new(IssuerKind.User, userName, null, teamIds);

    public static KeyIssuer ApiAccount(string clientId, int apiAccountId) => new(IssuerKind.ApiAccount, clientId, apiAccountId, new HashSet<int>());

    /// <summary>The audit trail's name for this issuer.</summary>
    public string Actor => Kind == IssuerKind.User ? $"user:{Name}" : $"api:{Name}";
}
