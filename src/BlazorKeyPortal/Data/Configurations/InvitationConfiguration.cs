using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.Recipient).HasMaxLength(254); // the longest address SMTP carries (RFC 5321)
        invitation.Property(i => i.Language).HasMaxLength(8).IsUnicode(false);
        // Room for a site's longest templates with every placeholder filled in.
        invitation.Property(i => i.Subject).HasMaxLength(1000);
        invitation.Property(i => i.Body).HasMaxLength(8000);
        invitation.Property(i => i.RequestedBy).HasMaxLength(256);
        invitation.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        invitation.Property(i => i.LastError).HasMaxLength(1000);
        invitation.HasOne<SessionKey>().WithMany().HasForeignKey(i => i.SessionKeyId).OnDelete(DeleteBehavior.Cascade);
        // The sender looks for queued mail that is due.
        invitation.HasIndex(i => new { i.Status, i.NextAttemptAt });
    }
}
