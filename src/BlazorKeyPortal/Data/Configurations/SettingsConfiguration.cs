using BlazorKeyPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BlazorKeyPortal.Data.Configurations;

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> settings)
    {
        settings.Property(s => s.Id).ValueGeneratedNever();
        settings.Property(s => s.ShortKeyAlphabet).HasConversion<string>().HasMaxLength(40);
        settings.HasData(new PortalSettings());
    }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> preference)
    {
        preference.HasKey(p => p.UserName);
        preference.Property(p => p.UserName).HasMaxLength(256);
    }
}

internal sealed class ApiAccountConfiguration : IEntityTypeConfiguration<ApiAccount>
{
    public void Configure(EntityTypeBuilder<ApiAccount> account)
    {
        account.Property(a => a.Name).HasMaxLength(100);
        account.Property(a => a.ClientId).HasMaxLength(100);
        account.HasIndex(a => a.ClientId).IsUnique();
        account.Property(a => a.CommandPermission).HasConversion<string>().HasMaxLength(20);
        account.Property(a => a.AllowedNetworks).HasMaxLength(4000);
    }
}
