using BlazorKeyPortal.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BlazorKeyPortal.Data;

/// <summary>
/// The portal's data, independent of the database engine. <see cref="SqlitePortalDbContext"/> and
/// <see cref="SqlServerPortalDbContext"/> derive from it, each with its own migrations.
/// Services take <see cref="IDbContextFactory{PortalDbContext}"/> and use one context per operation.
/// It also holds Data Protection's key ring (<see cref="DataProtectionKeys"/>), so that every instance shares it.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<PublicSite> PublicSites => Set<PublicSite>();
    public DbSet<PublicSiteHostname> PublicSiteHostnames => Set<PublicSiteHostname>();
    public DbSet<PublicSiteText> PublicSiteTexts => Set<PublicSiteText>();
    public DbSet<Representative> Representatives => Set<Representative>();
    public DbSet<SupportTeam> SupportTeams => Set<SupportTeam>();
    public DbSet<Embassy> Embassies => Set<Embassy>();
    public DbSet<SupportIssue> SupportIssues => Set<SupportIssue>();
    public DbSet<Skill> Skills => Set<Skill>();
    public DbSet<CustomFieldDefinition> CustomFieldDefinitions => Set<CustomFieldDefinition>();
    public DbSet<PortalSettings> Settings => Set<PortalSettings>();
    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();
    public DbSet<ApiAccount> ApiAccounts => Set<ApiAccount>();
    public DbSet<SessionKey> SessionKeys => Set<SessionKey>();
    public DbSet<SupportSession> SupportSessions => Set<SupportSession>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<PortalSession> PortalSessions => Set<PortalSession>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<WebhookRecipient> WebhookRecipients => Set<WebhookRecipient>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<WebhookCursor> WebhookCursors => Set<WebhookCursor>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
