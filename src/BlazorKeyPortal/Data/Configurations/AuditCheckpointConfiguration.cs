using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> checkpoint)
    {
        checkpoint.Property(c => c.Hash).HasMaxLength(64).IsUnicode(false);
        // The latest checkpoint is the one with the highest sequence.
        checkpoint.HasIndex(c => c.Sequence);
    }
}
