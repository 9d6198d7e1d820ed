using System.Reflection;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Components;

namespace BlazorKeyPortal.Tests.Components;

public sealed class ProductVersionTests
{
    [Fact]
    public void The_product_version_is_a_semantic_version_without_the_commit_id()
    {
        ProductVersion.Current.ShouldMatch(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$");
        ProductVersion.Current.ShouldNotContain('+');
    }

    [Fact]
    public void The_product_version_is_the_assemblys_informational_version_up_to_its_build_metadata()
    {
        var informational = typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        informational.ShouldStartWith(ProductVersion.Current);
        Regex.IsMatch(informational[ProductVersion.Current.Length..], @"^(\+.*)?$").ShouldBeTrue(informational);
    }

    [Fact]
    public void An_untagged_build_is_at_least_version_1_0()
    {
        int.Parse(ProductVersion.Current.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(1);
    }
}
