using BlazorKeyPortal.Data;
using BlazorKeyPortal.Data.Entities;
using BlazorKeyPortal.Data.Writing;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Features.Preferences;

/// <summary>A portal user's remembered choices (theme, Available / Away), keyed by sign-in name.</summary>
public sealed class UserPreferenceStore(IDbContextFactory<PortalDbContext> contextFactory, DatabaseWriter writer)
{
    /// <summary>The user's preferences, or the defaults (light theme, Available) for a user who never chose.</summary>
    public async Task<UserPreference> GetAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = contextFactory.CreateDbContext();
        return await db.UserPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == userName, cancellationToken)
            ?? new UserPreference { UserName = userName };
    }

    /// <summary>Applies <paramref name="change"/> to the stored preferences (created on first use), through the single writer.</summary>
    public Task SaveAsync(string userName, Action<UserPreference> change, CancellationToken cancellationToken = default) =>
        writer.WriteAsync(scope =>
        {
            var preference = scope.Db.UserPreferences.SingleOrDefault(p => p.UserName == userName);
            if (preference is null)
            {
                preference = new UserPreference { UserName = userName };
                scope.Db.UserPreferences.Add(preference);
            }
            change(preference);
            scope.Db.SaveChanges();
            return 0;
        }, cancellationToken);
}
