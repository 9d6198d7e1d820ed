namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>Many open tabs of one user on one page; closing the pool closes them all as browsers do.</summary>
internal sealed class CircuitPool : IAsyncDisposable
{
    private readonly List<HeadlessCircuit> _circuits = [];

    public IReadOnlyList<HeadlessCircuit> Circuits => _circuits;

    public static async Task<CircuitPool> OpenAsync(PortalBrowser browser, string pathAndQuery, string readyText, int count)
    {
        var pool = new CircuitPool();
        try
        {
            await pool.AddAsync(browser, pathAndQuery, readyText, count);
            return pool;
        }
        catch
        {
            await pool.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="count"/> more, a few at a time (page load, connection, first render each).</summary>
    public async Task AddAsync(PortalBrowser browser, string pathAndQuery, string readyText, int count)
    {
        var opened = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (_, _) =>
        {
            var circuit = await HeadlessCircuit.OpenAsync(browser, pathAndQuery, readyText);
            lock (_circuits) _circuits.Add(circuit);
            if (Interlocked.Increment(ref opened) % 100 == 0) Console.Error.WriteLine($"  {opened} of {count} open");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_circuits, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (circuit, _) => await circuit.DisposeAsync());
        _circuits.Clear();
    }
}
