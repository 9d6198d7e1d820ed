using System.Globalization;

namespace BlazorKeyPortal.Bench.Circuits;

/// <summary>
/// Benchmark 4: the server memory that one idle Generate-page circuit holds. After a warm-up (circuits opened and
/// closed, so code is compiled and pools are filled) a few circuits stay open as the baseline; then N more idle
/// Generate pages open and stay connected. Each measurement waits for the server to settle, induces two full
/// collections from outside (<see cref="ServerHeap"/>) and reads the managed heap that survived and the process's
/// resident set. Per circuit = (measurement − baseline) ÷ circuits added. Closing them all at the end shows whether
/// the memory comes back.
/// </summary>
internal sealed class CircuitMemoryBenchmark(PortalProcess portal, string page, IReadOnlyList<int> steps, int warmUp, int baseline, TimeSpan settle,
    string? gcdumpFolder)
{
    public const string GeneratePage = "/keys/new";

    // The Generate page is ready when its form's button has rendered; any other page when the layout has rendered
    // interactively (its data-interactive marker, the one the e2e tests wait for).
    private string ReadyText => page == GeneratePage ? "Generate session key" : "data-interactive";

    public sealed record Measurement(string What, int Circuits, long HeapBytes, long ResidentBytes, double? HeapKbPerCircuit, double? ResidentKbPerCircuit);

    public async Task<List<Measurement>> RunAsync()
    {
        using var browser = await PortalBrowser.SignInAsync(portal.BaseAddress, SeedUsers.Agent, SeedUsers.Password);
        Console.Error.WriteLine($"Warm-up: {warmUp} circuits on {page} opened and closed…");
        await (await CircuitPool.OpenAsync(browser, page, ReadyText, warmUp)).DisposeAsync();

        await using var pool = await CircuitPool.OpenAsync(browser, page, ReadyText, baseline);
        var measurements = new List<Measurement>();
        var start = await MeasureAsync($"baseline ({baseline} open)", baseline, null);
        measurements.Add(start);
        foreach (var step in steps)
        {
            Console.Error.WriteLine($"Opening circuits on {page} up to {step} more than the baseline…");
            await pool.AddAsync(browser, page, ReadyText, baseline + step - pool.Circuits.Count);
            var failed = pool.Circuits.FirstOrDefault(c => c.Error is not null);
            if (failed is not null) throw new InvalidOperationException("A circuit failed: " + failed.Error);
            measurements.Add(await MeasureAsync($"+{step} idle {(page == GeneratePage ? "Generate pages" : page)}", baseline + step, start));
        }
        await pool.DisposeAsync();
        measurements.Add(await MeasureAsync("all closed (disconnect beacon)", 0, null));
        return measurements;
    }

    private async Task<Measurement> MeasureAsync(string what, int circuits, Measurement? from)
    {
        await Task.Delay(settle);
        await ServerHeap.CollectAsync(portal.Id); // the first one lets finalizers run before the one that counts
        await Task.Delay(TimeSpan.FromSeconds(1));
        var heap = await ServerHeap.CollectAsync(portal.Id);
        var resident = portal.ResidentBytes();
        if (gcdumpFolder is not null) await GcDumpAsync(circuits);
        double? PerCircuit(long now, long before) => from is null ? null : (now - before) / 1024.0 / (circuits - from.Circuits);
        var measurement = new Measurement(what, circuits, heap.LiveBytes, resident,
            PerCircuit(heap.LiveBytes, from?.HeapBytes ?? 0), PerCircuit(resident, from?.ResidentBytes ?? 0));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: live {heap.LiveBytes / 1048576.0:N1} MB (gen2 {heap.Gen2LiveBytes / 1048576.0:N1}, LOH {heap.LargeObjectLiveBytes / 1048576.0:N1}, POH {heap.PinnedObjectBytes / 1048576.0:N1}), heap size {heap.HeapSizeBytes / 1048576.0:N1} MB, {heap.GcHandles} GC handles, RSS {resident / 1048576.0:N1} MB"));
        return measurement;
    }

    // Which types hold the memory: `dotnet-gcdump report FILE` per state; the difference between two states is what
    // the added circuits hold. Needs the dotnet-gcdump tool on PATH (see bench/README.md).
    private async Task GcDumpAsync(int circuits)
    {
        Directory.CreateDirectory(gcdumpFolder!);
        var file = Path.Combine(gcdumpFolder!, $"circuits-{circuits}.gcdump");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet-gcdump") { ArgumentList = { "collect", "-p", portal.Id.ToString(CultureInfo.InvariantCulture), "-o", file } };
        start.RedirectStandardOutput = true;
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet-gcdump exited with {process.ExitCode}.");
        Console.Error.WriteLine($"  gcdump: {file}");
    }

    public void Print(IReadOnlyList<Measurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine($"### Memory per idle circuit on {page}");
        Console.WriteLine();
        Console.WriteLine("| state | open circuits | live managed heap (full GC) | resident set (RSS) | live heap per added circuit | RSS per added circuit | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var m in measurements)
        {
            var target = m.HeapKbPerCircuit is { } kb && page == GeneratePage ? $"< 300 KB: {(kb < 300 ? "met" : "missed")}" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {m.What} | {m.Circuits} | {m.HeapBytes / 1048576.0:N1} MB | {m.ResidentBytes / 1048576.0:N1} MB | {Kb(m.HeapKbPerCircuit)} | {Kb(m.ResidentKbPerCircuit)} | {target} |"));
        }
    }

    private static string Kb(double? kb) => kb is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:N0} KB") : "";
}
