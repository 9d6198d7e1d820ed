using System.Globalization;
using BlazorKeyPortal.Bench.History;

// dotnet run -c Release --project bench/BlazorKeyPortal.Bench.History -- <command> --db <file> [options]
//   seed    --db FILE [--keys 1000000]    a year of history in a new SQLite file
//   measure --db FILE [--runs 30]         history pages and counts, key details, charts, audit verification
//   export  --db FILE --rows N|all        the CSV export of about N rows (or all), its time and peak memory
var command = args.FirstOrDefault();
string Option(string name, string? fallback = null) =>
    args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"--{name} is required.");
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (command)
{
    case "seed":
    {
        using var host = BenchHost.Build(Option("db"));
        await new HistorySeeder(host, Option("db"), Number("keys", 1_000_000)).RunAsync();
        break;
    }
    case "measure":
    {
        using var host = BenchHost.Build(Option("db"));
        await host.StartAsync();
        await new HistoryMeasurements(host, Option("db"), Number("runs", 30)).RunAsync();
        await host.StopAsync();
        break;
    }
    case "export":
    {
        using var host = BenchHost.Build(Option("db"));
        await host.StartAsync();
        var rows = Option("rows");
        await new ExportMeasurement(host).RunAsync(rows == "all" ? null : int.Parse(rows, CultureInfo.InvariantCulture));
        await host.StopAsync();
        break;
    }
    default:
        Console.Error.WriteLine("Commands: seed --db FILE [--keys N] | measure --db FILE [--runs N] | export --db FILE --rows N|all");
        return 2;
}
return 0;
