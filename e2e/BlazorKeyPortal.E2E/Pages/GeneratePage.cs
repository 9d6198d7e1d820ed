using System.Text.RegularExpressions;

namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The Generate page (<c>/keys/new</c>) and the result card it shows.</summary>
public sealed class GeneratePage(IPage page) : PortalLayout(page)
{
    public ILocator Queue => Page.GetByLabel("Queue", new() { Exact = true });
    public ILocator PublicSite => Page.GetByLabel("Public site", new() { Exact = true });
    public ILocator ExternalKey => Page.GetByLabel("External key", new() { Exact = true });
    public ILocator Priority => Page.GetByLabel("Priority", new() { Exact = true });
    public ILocator Skills => Page.GetByRole(AriaRole.Group, new() { Name = "Skills", Exact = true });
    public ILocator TimeToLive => Page.GetByLabel("Time to live", new() { Exact = true });
    public ILocator GenerateButton => Page.GetByRole(AriaRole.Button, new() { Name = "Generate session key" });
    public ILocator Availability => Page.GetByTestId("queue-availability");
    public ILocator ExistingKeyWarning => Page.GetByTestId("existing-key-warning");

    public ILocator ShortKey => Page.GetByTestId("short-key");
    public ILocator KeyUrl => Page.GetByTestId("key-url");
    public ILocator ExpiresAt => Page.GetByTestId("expires-at");
    public ILocator GenerateAnotherButton => Page.GetByRole(AriaRole.Button, new() { Name = "Generate another" });

    public ILocator InvitationEmail => Page.GetByLabel("Customer's email address", new() { Exact = true });
    public ILocator InvitationLanguage => Page.GetByLabel("Language", new() { Exact = true });
    public ILocator SendInvitationButton => Page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" });
    public ILocator InvitationStatus => Page.GetByTestId("invitation-status");

    public async Task<GeneratePage> OpenAsync(string query = "")
    {
        await Page.GotoAsync("/keys/new" + query);
        await WaitForInteractiveAsync();
        await GenerateButton.WaitForAsync();
        return this;
    }

    /// <summary>Picks the queue kind, then the target whose text contains <paramref name="target"/>.</summary>
    public async Task ChooseQueueAsync(string kind, string target)
    {
        await Page.GetByRole(AriaRole.Radio, new() { Name = kind, Exact = true }).CheckAsync();
        await SelectAsync(Queue, Queue.Locator("option").Filter(new() { HasText = target }).First);
    }

    /// <summary>Picks the first hostname of the public site named <paramref name="siteName"/> (options read "Remote: remote.localhost").</summary>
    public Task ChoosePublicSiteAsync(string siteName) =>
        SelectAsync(PublicSite, PublicSite.Locator("option").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(siteName)}: ") }).First);

    /// <summary>Picks the public-site option that reads exactly <paramref name="optionText"/> (e.g. "Remote: remote.localhost").</summary>
    public Task ChoosePublicSiteOptionAsync(string optionText) =>
        SelectAsync(PublicSite, PublicSite.Locator("option").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(optionText)}$") }));

    /// <summary>The public-site options of the site named <paramref name="siteName"/> ("Remote: remote.localhost").</summary>
    public ILocator SiteOptions(string siteName) =>
        PublicSite.Locator("option").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(siteName)}: ") });

    // As a person would: pick the option by what it says, and see it chosen before moving on.
    private static async Task SelectAsync(ILocator select, ILocator option)
    {
        var value = (await option.GetAttributeAsync("value"))!;
        await select.SelectOptionAsync(value);
        await Assertions.Expect(select).ToHaveValueAsync(value);
    }

    /// <summary>
    /// Signs in as <c>agent</c> and issues a key for Tier 1 Support on <paramref name="siteName"/> with
    /// <paramref name="externalKey"/>; fails here, not pages later, if the key did not land on that site.
    /// </summary>
    public static async Task<GeneratePage> SignInAndGenerateForTeam1Async(IPage agent, string siteName, string externalKey)
    {
        await new SignInPage(agent).OpenAsync("/keys/new");
        await new SignInPage(agent).SignInAsync("agent");
        var generate = await new GeneratePage(agent).OpenAsync("?external_key=" + Uri.EscapeDataString(externalKey));
        await generate.ChooseQueueAsync("Team", "Tier 1 Support");
        await generate.ChoosePublicSiteAsync(siteName);
        await generate.GenerateAsync();
        await Assertions.Expect(generate.KeyUrl).ToContainTextAsync($"{siteName.ToLowerInvariant()}.localhost");
        return generate;
    }

    /// <summary>The issued short key, ungrouped (as the API returns it).</summary>
    public async Task<string> ShortKeyValueAsync() => (await ShortKey.GetAttributeAsync("data-value"))!;

    /// <summary>Clicks "Generate session key" and waits for the result card.</summary>
    public async Task GenerateAsync()
    {
        await GenerateButton.ClickAsync();
        await ShortKey.WaitForAsync();
    }
}
