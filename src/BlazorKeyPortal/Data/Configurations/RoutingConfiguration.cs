using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class RepresentativeConfiguration : IEntityTypeConfiguration<Representative>
{
    public void Configure(EntityTypeBuilder<Representative> rep)
    {
        rep.Property(r => r.Id).ValueGeneratedOnAdd();
        rep.Property(r => r.Username).HasMaxLength(100);
        rep.HasIndex(r => r.Username); // deliberately not unique: see rep_username
        rep.Property(r => r.PublicDisplayName).HasMaxLength(100);
        rep.Property(r => r.PrivateDisplayName).HasMaxLength(100);
        rep.Property(r => r.PortalUserName).HasMaxLength(256);
        rep.HasIndex(r => r.PortalUserName);
        rep.HasMany(r => r.Teams).WithMany(t => t.Members).UsingEntity("SupportTeamMembers");
        rep.HasMany(r => r.Embassies).WithMany(e => e.Members).UsingEntity("EmbassyMembers");
        rep.HasMany(r => r.Skills).WithMany().UsingEntity("RepresentativeSkills");
    }
}

internal sealed class SupportTeamConfiguration : IEntityTypeConfiguration<SupportTeam>
{
    public void Configure(EntityTypeBuilder<SupportTeam> team)
    {
        team.Property(t => t.CodeName).HasMaxLength(100);
        team.HasIndex(t => t.CodeName).IsUnique();
        team.Property(t => t.Name).HasMaxLength(100);
        team.HasOne<PublicSite>().WithMany().HasForeignKey(t => t.DefaultSiteId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class EmbassyConfiguration : IEntityTypeConfiguration<Embassy>
{
    public void Configure(EntityTypeBuilder<Embassy> embassy) => embassy.Property(e => e.Name).HasMaxLength(100);
}

internal sealed class SupportIssueConfiguration : IEntityTypeConfiguration<SupportIssue>
{
    public void Configure(EntityTypeBuilder<SupportIssue> issue)
    {
        issue.Property(i => i.CodeName).HasMaxLength(100);
        issue.HasIndex(i => i.CodeName).IsUnique();
        issue.Property(i => i.Description).HasMaxLength(200);
        issue.HasOne(i => i.Team).WithMany().HasForeignKey(i => i.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> skill)
    {
        skill.Property(s => s.CodeName).HasMaxLength(100);
        skill.HasIndex(s => s.CodeName).IsUnique();
        skill.Property(s => s.Name).HasMaxLength(100);
    }
}

internal sealed class CustomFieldDefinitionConfiguration : IEntityTypeConfiguration<CustomFieldDefinition>
{
    public void Configure(EntityTypeBuilder<CustomFieldDefinition> field)
    {
        field.Property(f => f.CodeName).HasMaxLength(100);
        field.HasIndex(f => f.CodeName).IsUnique();
        field.Property(f => f.DisplayName).HasMaxLength(100);
    }
}
