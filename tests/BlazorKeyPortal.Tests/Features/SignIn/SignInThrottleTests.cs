using System.Net;
using System.Text.RegularExpressions;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorKeyPortal.Tests.Features.SignIn;

/// <summary>
/// Failed sign-ins are throttled per client address, never by locking the user out for everyone, and every failure
/// gets the same answer. Real Kestrel, real client addresses (127.0.0.x); each test has a portal of its own.
/// </summary>
public sealed partial class SignInThrottleTests
{
    private const string Attacker = "127.0.0.2";
    private const string Colleague = "127.0.0.3";

    [Fact]
    public async Task Wrong_passwords_from_one_address_are_throttled_there_while_the_user_still_signs_in_from_another()
    {
        await using var portal = new LoopbackPortal(new Dictionary<string, string?>
        {
            ["SignInThrottle:PerAddressLimit"] = "3",
            ["SignInThrottle:PerAddressWindow"] = "00:15:00",
            ["Authentication:SessionRevalidationInterval"] = "00:00:01",
        });
        var colleague = portal.BrowserFrom(Colleague);
        (await colleague.SignInAsync("agent", path: "/keys/new")).Address.AbsolutePath.ShouldBe("/keys/new");

        var attacker = portal.BrowserFrom(Attacker);
        var form = await attacker.GetAsync("/keys/new");
        var answers = new List<PortalBrowserClient.Page>();
        for (var guess = 0; guess < 6; guess++)
        {
            answers.Add(form = await attacker.SubmitSignInAsync(form, "agent", $"wrong-password-{guess}"));
        }
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // one revalidation interval: the open session is read again
        var stillOpen = await colleague.GetAsync("/keys/new");
        var again = await portal.BrowserFrom(Colleague).SignInAsync("agent", path: "/keys/new");

        answers.Take(3).ShouldAllBe(page => page.Status == HttpStatusCode.OK && page.Html.Contains("The username or password is not correct."));
        answers.Skip(3).ShouldAllBe(page => page.Status == HttpStatusCode.TooManyRequests);
        answers[3].Html.ShouldContain("Too many failed sign-ins. Try again in 5 minutes.");
        var retryAfter = int.Parse(answers[3].RetryAfter.ShouldNotBeNull());
        retryAfter.ShouldBeInRange(290, 300);
        stillOpen.Address.AbsolutePath.ShouldBe("/keys/new");
        stillOpen.Html.ShouldContain("Generate a session key");
        again.Address.AbsolutePath.ShouldBe("/keys/new");
        again.Html.ShouldContain("Generate a session key");
    }

    [Fact]
    public async Task An_unknown_user_a_wrong_password_and_a_locked_user_get_the_same_answer()
    {
        await using var portal = new LoopbackPortal();
        await CreateUserAsync(portal, "zed-known");
        await CreateUserAsync(portal, "zed-locked", lockedUntil: DateTimeOffset.UtcNow.AddYears(100));
        var browser = portal.BrowserFrom("127.0.0.4");
        var form = await browser.GetAsync("/keys/new");

        var unknown = await AnswerAsync(browser, form, "zed-nobody", "wrong-password");
        var wrongPassword = await AnswerAsync(browser, form, "zed-known", "wrong-password");
        var lockedWrong = await AnswerAsync(browser, form, "zed-locked", "wrong-password");
        var lockedRight = await AnswerAsync(browser, form, "zed-locked", PortalBrowserClient.Password);

        unknown.ShouldContain("The username or password is not correct.");
        wrongPassword.ShouldBe(unknown);
        lockedWrong.ShouldBe(unknown);
        lockedRight.ShouldBe(unknown);
    }

    [Theory]
    [InlineData("SignInThrottle:PerAddressLimit", "0")]
    [InlineData("SignInThrottle:PerAddressWindow", "00:00:00")]
    [InlineData("SignInThrottle:PerUserLimit", "-1")]
    [InlineData("SignInThrottle:PerUserWindow", "30.00:00:00")]
    [InlineData("SignInThrottle:FailureMemory", "00:00:00")]
    public async Task The_host_refuses_a_bad_sign_in_throttle_setting_and_names_it(string setting, string value)
    {
        await using var portal = new ConfiguredPortalFactory(new Dictionary<string, string?> { [setting] = value });

        var failure = Should.Throw<Exception>(() => portal.Started());

        ConfiguredPortalFactory.Messages(failure).ShouldContain(setting);
    }

    /// <summary>
    /// The sign-in's answer as the browser sees it: the redirect it got and the page that followed, with the typed name
    /// and what is encrypted afresh for every page (the form's antiforgery token, Blazor's persisted component state) taken out.
    /// </summary>
    private static async Task<string> AnswerAsync(PortalBrowserClient browser, PortalBrowserClient.Page form, string userName, string password)
    {
        var page = await browser.SubmitSignInAsync(form, userName, password);
        var answer = $"{(int)page.Status} {string.Join(" -> ", page.Redirects.Select(r => r.PathAndQuery))}\n{page.Html}";
        answer = AntiforgeryValue().Replace(answer, "value=\"(token)\"");
        answer = PersistedState().Replace(answer, "(state)");
        answer = ScriptNonce().Replace(answer, "nonce=\"(nonce)\"");
        return answer.Replace(Uri.EscapeDataString(userName), "(name)").Replace(userName, "(name)");
    }

    private static async Task CreateUserAsync(LoopbackPortal portal, string userName, DateTimeOffset? lockedUntil = null)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName);
        (await users.CreateAsync(user, PortalBrowserClient.Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, "Agent")).Succeeded.ShouldBeTrue();
        if (lockedUntil is { } until) (await users.SetLockoutEndDateAsync(user, until)).Succeeded.ShouldBeTrue();
    }

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\"[^>]*)value=\"[^\"]*\"")]
    private static partial Regex AntiforgeryValue();

    [GeneratedRegex("(?<=<!--Blazor-Server-Component-State:)[^-]*(?=-->)")]
    private static partial Regex PersistedState();

    // Each response's content security policy allows its scripts by a nonce of its own.
    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex ScriptNonce();
}
