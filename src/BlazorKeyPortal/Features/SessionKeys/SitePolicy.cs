using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Features.Catalog;

namespace BlazorKeyPortal.Features.SessionKeys;

/// <summary>Whether a site's rules let an issuer use it.</summary>
public static class SitePolicy
{
    public static bool MayIssue(SiteInfo site, KeyIssuer issuer) => issuer.Kind switch
    {
        IssuerKind.ApiAccount => !site.RestrictToApiAccounts || (issuer.ApiAccountId is int id && site.AllowedApiAccountIds.Contains(id)),
        _ => !site.RestrictToTeams || issuer.TeamIds.Overlaps(site.AllowedTeamIds),
    };
}
