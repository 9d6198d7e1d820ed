using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class WebhookRecipientConfiguration : IEntityTypeConfiguration<WebhookRecipient>
{
    public void Configure(EntityTypeBuilder<WebhookRecipient> recipient)
    {
        recipient.Property(r => r.Name).HasMaxLength(100);
        recipient.Property(r => r.Url).HasMaxLength(2000);
        recipient.Property(r => r.ProtectedSecret).HasMaxLength(2000).IsUnicode(false);
        recipient.Property(r => r.Events).HasMaxLength(400).IsUnicode(false);
        recipient.HasOne<PublicSite>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.Property(d => d.EventId).HasMaxLength(100).IsUnicode(false);
        delivery.Property(d => d.EventType).HasMaxLength(60).IsUnicode(false);
        delivery.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        delivery.Property(d => d.LeaseOwner).HasMaxLength(40).IsUnicode(false);
        delivery.HasOne<WebhookRecipient>().WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // The worker's search: pending rows that are due. Delivered rows stay out of it.
        delivery.HasIndex(d => d.NextAttemptAt, "IX_WebhookDeliveries_Pending_NextAttemptAt").HasFilter("[State] = 'Pending'");
        // Order per key: an earlier pending row of the same key and recipient holds the later ones back.
        delivery.HasIndex(d => new { d.RecipientId, d.KeyId, d.Id });
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.Property(a => a.EventId).HasMaxLength(100).IsUnicode(false);
        attempt.Property(a => a.EventType).HasMaxLength(60).IsUnicode(false);
        attempt.Property(a => a.Error).HasMaxLength(500);
        attempt.HasOne<WebhookRecipient>().WithMany().HasForeignKey(a => a.RecipientId).OnDelete(DeleteBehavior.Cascade);
        // The page shows a recipient's latest attempts.
        attempt.HasIndex(a => new { a.RecipientId, a.Id });
    }
}

internal sealed class WebhookCursorConfiguration : IEntityTypeConfiguration<WebhookCursor>
{
    public void Configure(EntityTypeBuilder<WebhookCursor> cursor) => cursor.Property(c => c.Id).ValueGeneratedNever();
}
