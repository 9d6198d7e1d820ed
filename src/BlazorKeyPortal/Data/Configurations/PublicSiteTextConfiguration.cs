using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class PublicSiteTextConfiguration : IEntityTypeConfiguration<PublicSiteText>
{
    public void Configure(EntityTypeBuilder<PublicSiteText> text)
    {
        text.ToTable("PublicSiteTexts");
        text.Property(t => t.Language).HasMaxLength(16);
        // The same limits as the site's own fields, which these stand in for.
        text.Property(t => t.Title).HasMaxLength(200);
        text.Property(t => t.Notice).HasMaxLength(2000);
        text.Property(t => t.InvitationSubject).HasMaxLength(500);
        text.Property(t => t.InvitationBody).HasMaxLength(4000);
        text.HasIndex(t => new { t.SiteId, t.Language }).IsUnique();
        text.HasOne(t => t.Site).WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Cascade);
    }
}
