using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Features.SignIn;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>
/// Roles hold on every page, including pages added later: each routable component is found by reflection and
/// requested as anonymous, agent, supervisor and admin.
/// </summary>
public sealed partial class RoleAccessTests(SignInPortalFactory portal) : IClassFixture<SignInPortalFactory>
{
    private static readonly Dictionary<string, string[]> RolesOfPolicy = new()
    {
        [PortalPolicies.IssueKeys] = ["agent", "supervisor", "admin"],
        [PortalPolicies.ReviewHistory] = ["supervisor", "admin"],
        [PortalPolicies.Administer] = ["admin"],
    };

    public static TheoryData<string> ProtectedPages() => new(PortalPages().Where(p => !p.Anonymous).Select(p => p.Path));

    [Fact]
    public void Every_page_either_requires_a_portal_policy_or_is_declared_anonymous()
    {
        var undeclared = PortalPages().Where(p => !p.Anonymous && (p.Policy is null || !RolesOfPolicy.ContainsKey(p.Policy)))
            .Select(p => $"{p.Path} ({p.Type.Name})").ToList();

        undeclared.ShouldBeEmpty("pages without [Authorize(Policy = PortalPolicies.…)] or [AllowAnonymous]");
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task An_anonymous_request_for_a_portal_page_is_sent_to_sign_in_and_renders_nothing(string path)
    {
        using var response = await portal.NewBrowser().GetRawAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.AbsolutePath.ShouldBe(BuiltInProvider.AuthorizePath);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("supervisor")]
    [InlineData("admin")]
    public async Task A_signed_in_user_opens_exactly_the_pages_of_their_role_and_is_told_not_allowed_elsewhere(string userName)
    {
        var browser = portal.NewBrowser();
        await browser.SignInAsync(userName, path: "/");
        var wrong = new List<string>();

        foreach (var page in PortalPages().Where(p => !p.Anonymous))
        {
            using var response = await browser.GetRawAsync(page.Path);
            var allowed = RolesOfPolicy[page.Policy!].Contains(userName);
            var ok = allowed
                ? response.StatusCode == HttpStatusCode.OK
                : response.StatusCode == HttpStatusCode.Found && response.Headers.Location!.AbsolutePath == SignInPages.NotAllowedPath;
            if (!ok) wrong.Add($"{page.Path} ({page.Policy}): {(int)response.StatusCode} {response.Headers.Location}");
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_not_allowed_page_names_the_user_and_their_roles()
    {
        var browser = portal.NewBrowser();
        await browser.SignInAsync("agent2", path: "/");

        var page = await browser.GetAsync(SignInPages.NotAllowedPath);

        page.Html.ShouldContain("Not allowed");
        page.Html.ShouldContain("agent2");
        page.Html.ShouldContain("your roles: Agent");
    }

    private sealed record PortalPage(string Path, Type Type, string? Policy, bool Anonymous);

    private static IEnumerable<PortalPage> PortalPages() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => new PortalPage(
                RouteParameter().Replace(r.Template, "1"), t,
                t.GetCustomAttribute<AuthorizeAttribute>()?.Policy,
                t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)))
            .OrderBy(p => p.Path, StringComparer.Ordinal);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
