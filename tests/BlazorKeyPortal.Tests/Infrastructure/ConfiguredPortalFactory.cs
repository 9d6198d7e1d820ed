namespace BlazorKeyPortal.Tests.Infrastructure;

/// <summary>A portal with extra settings, for tests of start-up checks.</summary>
public sealed class ConfiguredPortalFactory(IReadOnlyDictionary<string, string?> settings) : PortalFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    /// <summary>Every message of an exception and its inner exceptions, for asserting on what an operator reads.</summary>
    public static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate) messages.AddRange(aggregate.InnerExceptions.Select(Messages));
        }
        return string.Join(" | ", messages);
    }
}
