using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Data;

/// <summary>Hands out the configured provider's context as the abstract <see cref="PortalDbContext"/>.</summary>
internal sealed class PortalDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<PortalDbContext>
    where TContext : PortalDbContext
{
    public PortalDbContext CreateDbContext() => inner.CreateDbContext();
}
