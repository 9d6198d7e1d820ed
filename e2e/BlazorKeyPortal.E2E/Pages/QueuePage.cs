namespace BlazorKeyPortal.E2E.Pages;

/// <summary>The agents' live queue (<c>/queue</c>): the customers waiting in the agent's queues, and the agent's own sessions.</summary>
public sealed class QueuePage(IPage page) : PortalLayout(page)
{
    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Name = "Queue", Exact = true, Level = 1 });

    public SessionList Waiting => new(Page, "Waiting customers", "Accept");

    public SessionList MySessions => new(Page, "My sessions", "End");

    public async Task<QueuePage> OpenAsync()
    {
        await Page.GotoAsync("/queue");
        await WaitForInteractiveAsync();
        await Waiting.Heading.WaitForAsync();
        return this;
    }
}

/// <summary>One of the queue page's lists: a heading, then a table labelled by it (or a sentence when it is empty).</summary>
public sealed class SessionList(IPage page, string heading, string actionLabel)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 2 });

    public ILocator Table => page.GetByRole(AriaRole.Table, new() { Name = heading, Exact = true });

    public ILocator ColumnHeaders => Table.GetByRole(AriaRole.Columnheader);

    /// <summary>The row of the customer who gave this name (the customer cell's text).</summary>
    public SessionRow Row(string customerName) => new(
        Table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = customerName, Exact = true }) }),
        $"{actionLabel} session of {customerName}");
}

/// <summary>One session in a <see cref="SessionList"/>; the cells in the order of the table's columns.</summary>
public sealed class SessionRow(ILocator row, string actionName)
{
    public ILocator Row => row;
    public ILocator Customer => Cell(0);
    public ILocator ExternalKey => Cell(1);
    public ILocator Site => Cell(2);
    public ILocator Queue => Cell(3);
    public ILocator Since => Cell(4);
    public ILocator Priority => Cell(5);
    public ILocator ActionButton => row.GetByRole(AriaRole.Button, new() { Name = actionName, Exact = true });

    private ILocator Cell(int column) => row.GetByRole(AriaRole.Cell).Nth(column);
}
