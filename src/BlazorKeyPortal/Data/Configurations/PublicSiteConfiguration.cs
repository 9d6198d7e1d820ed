using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class PublicSiteConfiguration : IEntityTypeConfiguration<PublicSite>
{
    public void Configure(EntityTypeBuilder<PublicSite> site)
    {
        site.Property(s => s.Name).HasMaxLength(100);
        site.HasIndex(s => s.Name).IsUnique();
        site.Property(s => s.Title).HasMaxLength(200);
        site.Property(s => s.Color).HasMaxLength(20);
        site.Property(s => s.Notice).HasMaxLength(2000);
        site.Property(s => s.DefaultLanguage).HasMaxLength(10);
        site.Property(s => s.MailSubjectTemplate).HasMaxLength(500);
        site.Property(s => s.MailBodyTemplate).HasMaxLength(4000);
        site.Property(s => s.ExternalKeyPattern).HasMaxLength(500);
        site.HasMany(s => s.Hostnames).WithOne(h => h.Site).HasForeignKey(h => h.SiteId).OnDelete(DeleteBehavior.Cascade);
        site.HasMany(s => s.AllowedTeams).WithMany().UsingEntity("PublicSiteAllowedTeams");
        site.HasMany(s => s.AllowedApiAccounts).WithMany().UsingEntity("PublicSiteAllowedApiAccounts");
    }
}

internal sealed class PublicSiteHostnameConfiguration : IEntityTypeConfiguration<PublicSiteHostname>
{
    public void Configure(EntityTypeBuilder<PublicSiteHostname> hostname)
    {
        hostname.Property(h => h.Hostname).HasMaxLength(253);
        // A hostname belongs to exactly one site.
        hostname.HasIndex(h => h.Hostname).IsUnique();
    }
}
