using System.Globalization;
using BlazorKeyPortal.Bench.Circuits;

// dotnet run -c Release --project bench/BlazorKeyPortal.Bench.Circuits -- [live|memory|all] [options]
//   live    benchmark 3: rep's Available/Away switch → availability line on --pages agent pages (default 100), --changes 30
//   memory  benchmark 4: server memory per idle Generate-page circuit, at --circuits 200,500 (added to a baseline of 10)
//   --page PATH           memory: another portal page to compare with (default /keys/new)
//   --app DIR             a published portal to run instead of publishing src/BlazorKeyPortal
//   --server-env N=V      an extra environment variable for the portal (repeatable), e.g. DOTNET_gcServer=0
//   --gcdump DIR          memory: also write a gcdump per measurement (needs dotnet-gcdump on PATH)
// Publishes and starts the real portal (Release, Development seed, temporary SQLite database) on loopback, drives it
// with real Blazor Server circuits (no browser), prints Markdown tables; exits non-zero when a measurement fails.
var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(a)) ?? "all";
if (command is not ("live" or "memory" or "all"))
{
    Console.Error.WriteLine("Usage: [live|memory|all] [--pages 100] [--changes 30] [--circuits 200,500] [--page /keys/new] [--app DIR] [--server-env NAME=VALUE] [--gcdump DIR]");
    return 2;
}
var serverEnvironment = Options("server-env").Select(v => v.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");

try
{
    await using var portal = await PortalProcess.StartAsync(Option("app"), serverEnvironment);
    Console.Error.WriteLine($"Portal {portal.BaseAddress} (pid {portal.Id}); {Environment.ProcessorCount} cores, load average {LoadAverage()}.");
    if (command is "live" or "all")
    {
        var live = await new LiveAvailabilityBenchmark(portal.BaseAddress, Number("pages", 100), Number("changes", 30), warmUpChanges: 4).RunAsync();
        LiveAvailabilityBenchmark.Print(live);
    }
    if (command is "memory" or "all")
    {
        var steps = (Option("circuits") ?? "200,500").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var benchmark = new CircuitMemoryBenchmark(portal, Option("page") ?? CircuitMemoryBenchmark.GeneratePage, steps, warmUp: 20, baseline: 10,
            settle: TimeSpan.FromSeconds(10), Option("gcdump"));
        benchmark.Print(await benchmark.RunAsync());
    }
    Console.Error.WriteLine($"Done; load average {LoadAverage()}.");
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine("FAILED: " + ex);
    return 1;
}

string? Option(string name) => Options(name).LastOrDefault();
IEnumerable<string> Options(string name) => args.Select((a, i) => (a, i)).Where(p => p.a == $"--{name}" && p.i + 1 < args.Length).Select(p => args[p.i + 1]);
int Number(string name, int fallback) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
bool IsOptionValue(string arg) => args.Select((a, i) => (a, i)).Any(p => p.a == arg && p.i > 0 && args[p.i - 1].StartsWith("--", StringComparison.Ordinal));
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
