using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class SessionKeyConfiguration : IEntityTypeConfiguration<SessionKey>
{
    public void Configure(EntityTypeBuilder<SessionKey> key)
    {
        key.Property(k => k.ShortKey).HasMaxLength(7).IsUnicode(false);
        key.Property(k => k.LiveShortKey).HasMaxLength(7).IsUnicode(false);
        // Unique among keys that can still be redeemed; SQL Server gets a filtered index (IS NOT NULL).
        key.HasIndex(k => k.LiveShortKey).IsUnique();
        key.Property(k => k.AccessKey).HasMaxLength(32).IsUnicode(false);
        key.HasIndex(k => k.AccessKey).IsUnique();
        key.Property(k => k.SessionType).HasMaxLength(20);
        key.Property(k => k.QueueKind).HasConversion<string>().HasMaxLength(20);
        key.Property(k => k.RequestedQueue).HasMaxLength(200);
        key.Property(k => k.ExternalKey).HasMaxLength(1024);
        key.Property(k => k.Skills).HasMaxLength(2000);
        key.Property(k => k.UrlHostname).HasMaxLength(253);
        key.Property(k => k.KeyUrl).HasMaxLength(400);
        key.Property(k => k.IssuerKind).HasConversion<string>().HasMaxLength(20);
        key.Property(k => k.IssuedBy).HasMaxLength(256);
        key.Property(k => k.Origin).HasConversion<string>().HasMaxLength(20);
        key.Property(k => k.RevokedBy).HasMaxLength(256);
        key.Property(k => k.RevokeReason).HasMaxLength(500);
        key.HasOne(k => k.Site).WithMany().HasForeignKey(k => k.SiteId).OnDelete(DeleteBehavior.Restrict);
        key.HasOne(k => k.RedeemedSite).WithMany().HasForeignKey(k => k.RedeemedSiteId).OnDelete(DeleteBehavior.Restrict);
        // The foreign key's index holds redeemed keys only: a new key has no redemption site, and keeping every new key
        // out of it spares each issue one index insert on the single writer.
        key.HasIndex(k => k.RedeemedSiteId).HasFilter("[RedeemedSiteId] IS NOT NULL");

        // History: every filter narrows by issue time and pages newest first. Each filter column's index ends with the
        // three times a key's state is judged by, so that a page and a count of one column with a state (and an issue
        // range) are read from the index alone, never from the rows (ADR-013). The names stay those of the leading columns.
        key.HasIndex(k => k.IssuedAt);
        key.HasIndex(k => new { k.SiteId, k.IssuedAt, k.ExpiresAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_SiteId_IssuedAt");
        key.HasIndex(k => new { k.IssuedBy, k.IssuedAt, k.IssuerKind, k.ExpiresAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_IssuedBy_IssuedAt");
        key.HasIndex(k => new { k.QueueTeamId, k.IssuedAt, k.ExpiresAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_QueueTeamId_IssuedAt");
        key.HasIndex(k => new { k.QueueKind, k.QueueId, k.IssuedAt, k.ExpiresAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_QueueKind_QueueId_IssuedAt");
        key.HasIndex(k => k.ExpiresAt);
        // The "External key" prefix search and sort; with the issue time a newest-first page of a prefix is read from the
        // index alone. On SQLite the column is NOCASE (see SqlitePortalDbContext), which LIKE needs to use an index.
        key.HasIndex(k => new { k.ExternalKey, k.IssuedAt, k.ExpiresAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_ExternalKey_IssuedAt");
        key.HasIndex(k => k.ShortKey);
        // Filtering by state: small partial indexes in the order a page wants (the filter text suits SQLite and SQL Server),
        // holding the state's own columns so that a count of a state is read from the index alone.
        key.HasIndex(k => new { k.IssuedAt, k.RevokedAt }, "IX_SessionKeys_Revoked_IssuedAt").HasFilter("[RevokedAt] IS NOT NULL");
        // With the redemption time the charts' median time to redemption streams from this index alone.
        key.HasIndex(k => new { k.IssuedAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_Redeemed_IssuedAt").HasFilter("[RedeemedAt] IS NOT NULL AND [RevokedAt] IS NULL");
        key.HasIndex(k => new { k.ExpiresAt, k.IssuedAt, k.RedeemedAt, k.RevokedAt }, "IX_SessionKeys_Unused_ExpiresAt").HasFilter("[RedeemedAt] IS NULL AND [RevokedAt] IS NULL");
    }
}

internal sealed class SupportSessionConfiguration : IEntityTypeConfiguration<SupportSession>
{
    public void Configure(EntityTypeBuilder<SupportSession> session)
    {
        session.Property(s => s.Method).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.QueueKind).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.CustomerName).HasMaxLength(100);
        session.Property(s => s.CustomerCompany).HasMaxLength(100);
        session.Property(s => s.CustomerCompanyCode).HasMaxLength(100);
        session.Property(s => s.ExternalKey).HasMaxLength(1024);
        session.Property(s => s.Skills).HasMaxLength(2000);
        session.Property(s => s.AcceptedBy).HasMaxLength(256);
        session.HasOne(s => s.SessionKey).WithMany().HasForeignKey(s => s.SessionKeyId).OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => s.SessionKeyId).IsUnique(); // single use
        session.HasOne(s => s.Site).WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => new { s.Status, s.StartedAt });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(e => e.Sequence);
        entry.Property(e => e.Sequence).ValueGeneratedNever();
        entry.Property(e => e.Actor).HasMaxLength(300);
        entry.Property(e => e.Action).HasMaxLength(60);
        entry.Property(e => e.SubjectType).HasMaxLength(60);
        entry.Property(e => e.SubjectId).HasMaxLength(100);
        entry.Property(e => e.PreviousHash).HasMaxLength(64).IsUnicode(false);
        entry.Property(e => e.Hash).HasMaxLength(64).IsUnicode(false);
        // A key's timeline reads its entries by subject. No query reads by action, so there is no index on it: every
        // audit entry (one per issued key) would pay for it on the single writer.
        entry.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}
