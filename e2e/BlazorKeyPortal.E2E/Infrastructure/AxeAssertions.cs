using Deque.AxeCore.Playwright;

namespace BlazorKeyPortal.E2E.Infrastructure;

/// <summary>Runs axe on a page as it is now and saves its screenshot under the same name.</summary>
public static class AxeAssertions
{
    /// <summary>Fails with every serious or critical violation axe finds (id, help and where); minor and moderate ones pass.</summary>
    public static async Task ShouldHaveNoSeriousAxeViolationsAsync(this IPage page, string name)
    {
        var result = await page.RunAxe();
        await Screenshots.SaveAsync(page, name);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        serious.ShouldBeEmpty($"axe on the {name} page");
    }
}
