using System.Net;
using BlazorKeyPortal.Features.AuditTrail;
using BlazorKeyPortal.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BlazorKeyPortal.Tests.Features.Redemption;

/// <summary>
/// Failed attempts are rate-limited per client address and globally, each failure is audited, and a throttled
/// client gets 429 with Retry-After. Each test has a portal of its own: the budgets are process-wide state.
/// </summary>
public sealed class BruteForceTests
{
    /// <summary>5 failures per address (one more every 3 minutes), 8 for everyone (one more every 7.5 minutes).</summary>
    private sealed class TightLimits : PublicSitePortal
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["FailedRedemptions:PerAddressLimit"] = "5",
            ["FailedRedemptions:PerAddressWindow"] = "00:15:00",
            ["FailedRedemptions:GlobalLimit"] = "8",
            ["FailedRedemptions:GlobalWindow"] = "01:00:00",
        };
    }

    private const string Attacker = "203.0.113.66";
    private const string Customer = "198.51.100.20";

    [Fact]
    public async Task Hammering_key_entry_from_one_address_throttles_that_address_while_another_address_still_redeems()
    {
        await using var portal = new TightLimits();
        var (shortKey, _) = await portal.GenerateKeyAsync();
        var attacker = portal.Customer("support.localhost", Attacker);

        var attempts = new List<PublicPageResult>();
        for (var guess = 0; guess < 8; guess++)
        {
            attempts.Add(await attacker.EnterKeyAsync($"ZZZZZ{guess:00}"));
        }
        var legitimate = await portal.Customer("support.localhost", Customer).EnterKeyAsync(shortKey);

        attempts.Take(5).ShouldAllBe(page => page.Status == HttpStatusCode.OK && page.Problem!.StartsWith("We could not find this session key."));
        attempts.Skip(5).ShouldAllBe(page => page.Status == HttpStatusCode.TooManyRequests);
        attempts[5].Header("Retry-After").ShouldBe("180");
        attempts[5].Heading.ShouldBe("Too many attempts");
        attempts[5].Problem.ShouldBe("There have been too many attempts with keys that did not work. Please wait 3 minutes and try again, or ask your support contact for help.");
        attempts[5].Header("Content-Security-Policy").ShouldNotBeNull().ShouldContain("frame-ancestors 'none'");
        legitimate.Heading.ShouldBe("You are in the queue");
        // Every failure is in the audit trail; refused requests were no attempts.
        (await portal.AuditAsync(AuditActions.RedemptionFailed)).Count(e => e.Actor == $"public:{Attacker}").ShouldBe(5);
    }

    [Fact]
    public async Task The_throttled_address_may_try_again_once_its_budget_has_refilled()
    {
        await using var portal = new TightLimits();
        var attacker = portal.Customer("support.localhost", Attacker);
        for (var guess = 0; guess < 5; guess++) await attacker.EnterKeyAsync("ZZZZZZZ");

        var throttled = await attacker.EnterKeyAsync("ZZZZZZZ");
        portal.Clock.Advance(TimeSpan.FromMinutes(3));
        var afterWaiting = await attacker.EnterKeyAsync("ZZZZZZZ");
        var straightAgain = await attacker.EnterKeyAsync("ZZZZZZZ");

        throttled.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        afterWaiting.Status.ShouldBe(HttpStatusCode.OK);
        afterWaiting.Problem.ShouldNotBeNull().ShouldStartWith("We could not find this session key.");
        straightAgain.Status.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Once_the_global_limit_is_used_up_addresses_that_failed_wait_and_addresses_that_never_failed_do_not()
    {
        await using var portal = new TightLimits();
        var (shortKey, keyUrl) = await portal.GenerateKeyAsync();
        var (otherShortKey, _) = await portal.GenerateKeyAsync();
        var mistyped = portal.Customer("support.localhost", Customer);
        (await mistyped.EnterKeyAsync("ZZZZZZZ")).Status.ShouldBe(HttpStatusCode.OK);
        for (var address = 1; address <= 7; address++)
        {
            await portal.Customer("support.localhost", $"203.0.113.{address}").EnterKeyAsync("ZZZZZZZ");
        }

        // A customer who mistyped before the limit was used up is asked to wait, on the page and in the API...
        var typed = await mistyped.EnterKeyAsync(shortKey);
        var apiResponse = await mistyped.Http.GetAsync($"/api/start_session?short_key={shortKey}");
        var api = await CommandResult.ReadAsync(apiResponse);
        // ...a customer whose address never failed gets their attempt.
        var fresh = await portal.Customer("support.localhost", "198.51.100.21").EnterKeyAsync(otherShortKey);

        typed.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        typed.Header("Retry-After").ShouldBe("450");
        api.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        apiResponse.Headers.GetValues("Retry-After").ShouldBe(["450"]);
        api.Error.ShouldStartWith("There have been too many attempts");
        (await portal.KeyAsync(shortKey)).RedeemedAt.ShouldBeNull();
        fresh.Heading.ShouldBe("You are in the queue");

        // A key URL cannot be guessed, so short-key guessing does not close it.
        var started = await portal.Customer("remote.localhost", Customer).StartFromKeyUrlAsync(keyUrl);
        started.Heading.ShouldBe("You are in the queue");
    }

    [Fact]
    public async Task A_failure_from_an_address_that_never_failed_does_not_lengthen_the_wait_of_the_others()
    {
        await using var portal = new TightLimits();
        for (var address = 1; address <= 4; address++)
        {
            var bot = portal.Customer("support.localhost", $"203.0.113.{address}");
            await bot.EnterKeyAsync("ZZZZZZZ");
            await bot.EnterKeyAsync("ZZZZZZZ");
        }

        for (var address = 100; address < 120; address++)
        {
            (await portal.Customer("support.localhost", $"203.0.113.{address}").EnterKeyAsync("ZZZZZZZ")).Status.ShouldBe(HttpStatusCode.OK);
        }
        var botAgain = await portal.Customer("support.localhost", "203.0.113.1").EnterKeyAsync("ZZZZZZZ");

        botAgain.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        botAgain.Header("Retry-After").ShouldBe("450");
    }

    [Fact]
    public async Task Guessing_from_several_addresses_spends_the_global_budget_without_shutting_out_a_customer_whose_address_never_failed()
    {
        await using var portal = new LoopbackPortal(new Dictionary<string, string?>
        {
            ["FailedRedemptions:PerAddressLimit"] = "5",
            ["FailedRedemptions:PerAddressWindow"] = "00:15:00",
            ["FailedRedemptions:GlobalLimit"] = "8",
            ["FailedRedemptions:GlobalWindow"] = "01:00:00",
        });
        var api = await new CommandApiClient(portal.ClientFrom("127.0.0.1")).SignedInAsync();
        var typedKey = (await api.GenerateAsync("queue_id=team:1&url_hostname=remote.localhost")).ShouldBeSessionKey().Element("short_key");
        var keyUrl = new Uri((await api.GenerateAsync("queue_id=team:1&url_hostname=remote.localhost")).ShouldBeSessionKey().Element("key_url"));
        for (var bot = 2; bot <= 5; bot++)
        {
            var guesser = LoopbackCustomer(portal, $"127.0.0.{bot}", "support.localhost");
            (await guesser.EnterKeyAsync("ZZZZZZZ")).Status.ShouldBe(HttpStatusCode.OK);
            (await guesser.EnterKeyAsync("ZZZZZZZ")).Status.ShouldBe(HttpStatusCode.OK);
        }

        var botAgain = await LoopbackCustomer(portal, "127.0.0.2", "support.localhost").EnterKeyAsync("ZZZZZZZ");
        var freshCustomer = await LoopbackCustomer(portal, "127.0.0.9", "support.localhost").EnterKeyAsync(typedKey);
        var keyUrlFromABot = await LoopbackCustomer(portal, "127.0.0.3", "remote.localhost").StartFromKeyUrlAsync(keyUrl.PathAndQuery);

        botAgain.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(botAgain.Header("Retry-After").ShouldNotBeNull()).ShouldBeInRange(440, 450);
        freshCustomer.Heading.ShouldBe("You are in the queue");
        keyUrlFromABot.Heading.ShouldBe("You are in the queue");
    }

    [Fact]
    public async Task Throttled_api_calls_get_429_with_Retry_After_and_an_error_document()
    {
        await using var portal = new TightLimits();
        var client = portal.Customer("portal.invalid", Attacker).Http;
        for (var guess = 0; guess < 5; guess++) await client.GetAsync("/api/start_session?short_key=ZZZZZZZ");

        var response = await client.GetAsync("/api/start_session?short_key=ZZZZZZZ");
        var reply = await CommandResult.ReadAsync(response);

        reply.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        response.Headers.GetValues("Retry-After").ShouldBe(["180"]);
        reply.ContentType.ShouldBe("text/xml; charset=UTF-8");
        reply.Error.ShouldBe("There have been too many attempts with keys that did not work. Please wait 3 minutes and try again, or ask your support contact for help.");
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_64_share_one_budget()
    {
        await using var portal = new TightLimits();
        for (var host = 1; host <= 5; host++)
        {
            await portal.Customer("support.localhost", $"2001:db8:1:2::{host:x}").EnterKeyAsync("ZZZZZZZ");
        }

        var sameNetwork = await portal.Customer("support.localhost", "2001:db8:1:2:ffff::1").EnterKeyAsync("ZZZZZZZ");
        var otherNetwork = await portal.Customer("support.localhost", "2001:db8:1:3::1").EnterKeyAsync("ZZZZZZZ");

        sameNetwork.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        otherNetwork.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("FailedRedemptions:PerAddressLimit", "0")]
    [InlineData("FailedRedemptions:GlobalLimit", "-5")]
    [InlineData("FailedRedemptions:GlobalWindow", "00:00:00")]
    public async Task The_portal_refuses_to_start_with_a_bad_limit_and_names_the_setting(string setting, string value)
    {
        await using var portal = new SettingPortal(setting, value);

        var error = Should.Throw<OptionsValidationException>(() => portal.Started());

        error.Message.ShouldContain(setting);
    }

    /// <summary>A customer's browser on <paramref name="host"/> whose connections really come from <paramref name="address"/>.</summary>
    private static CustomerBrowser LoopbackCustomer(LoopbackPortal portal, string address, string host) =>
        new(portal.ClientFrom(address, host, new CookieContainer()), address);

    private sealed class SettingPortal(string setting, string value) : PublicSitePortal
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { [setting] = value };
    }
}
