using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(64).IsUnicode(false);
        session.Property(s => s.Subject).HasMaxLength(256);
        session.Property(s => s.UserName).HasMaxLength(256);
        // The hourly sweep deletes by expiry.
        session.HasIndex(s => s.ExpiresAt);
        session.HasIndex(s => s.UserName);
    }
}
