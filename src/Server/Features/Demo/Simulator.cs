using LiveBoard.Client.Model;
using LiveBoard.Server.Common;
using LiveBoard.Server.Data;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace LiveBoard.Server.Features.Demo;

/// <summary>
/// Simulates a county day and reports it through the public ingest API over HTTP, with its own
/// device key, exactly as queue machines, door counters and review terminals would: arrivals with
/// a hall's daily shape (morning peak, lunch break, afternoon peak), service times per business,
/// no-shows, staff going to meetings and sometimes coming back late, and reviews with a realistic
/// share of bad ones. Runs only when LiveBoard:Demo:Simulate is true.
/// </summary>
public sealed partial class Simulator(
    IServer server,
    IHostApplicationLifetime lifetime,
    IDbContextFactory<LiveBoardDb> databases,
    DeviceKeys keys,
    CountyClock clock,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<Simulator> logger) : BackgroundService
{
    /// <summary>Its device keys' names begin so (a run id follows): each start retires the last run's keys, and the history says "the demo simulator".</summary>
    public const string DeviceName = "demo simulator";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private readonly Random random = new(7);
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private long eventCounter;
    private List<SimHall> halls = [];
    private DateOnly day;

    private sealed class SimHall
    {
        public required string Code;
        public required WeekHours Hours;
        public double ArrivalsPerMinute;
        public required List<SimWindow> Windows;
        public required List<SimStaff> Staff;
        public readonly List<SimTicket> Waiting = [];
        public readonly Dictionary<string, int> LastNumber = [];
        public readonly List<string> BusinessCodes = [];

        public bool IsOpenAt(DateTime countyLocal) => Hours.IsOpenAt(countyLocal);
    }

    private sealed class SimWindow
    {
        public int Number;
        public required string Business;
        public int TypicalMinutes;
        public SimTicket? Serving;
        public DateTimeOffset FinishesAt;
    }

    private sealed class SimStaff
    {
        public int Id;
        public int? Window;
        public Whereabouts? Whereabouts;
        public DateTimeOffset? BackAt;
    }

    private sealed record SimTicket(string Number, string Business, DateTimeOffset IssuedAt, int Companions);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
            return;
        // The database or the ingest API away: the simulator waits it out (logged once) and goes
        // on; failing at its start, it starts again. It never stops the server.
        var outage = new Outage(logger, "The demo simulator");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SimulateAsync(outage, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                await outage.BackOffAsync(ex, stoppingToken);
            }
        }
    }

    private async Task SimulateAsync(Outage outage, CancellationToken stoppingToken)
    {
        var address = server.Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => a.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal))
            .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0).First();
        // Each start retires the previous run's sender key and makes a fresh one. The wall's key is
        // kept (beside the database), so the address printed at the first start keeps working and an
        // open wall reloads by itself after a restart.
        await using (var db = await databases.CreateDbContextAsync(stoppingToken))
        {
            await db.DeviceKeys.Where(k => k.RevokedAt == null && k.Name.StartsWith(DeviceName))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, clock.UtcNow), stoppingToken);
        }
        var (_, secret) = await keys.CreateAsync($"{DeviceName} {run}", DeviceRole.Sender, hallId: null, stoppingToken);
        LogWall($"{address}/wall?key={await DemoWallKeyAsync(stoppingToken)}");
        // Where a citizen's phone goes after scanning a window's QR code (every code: /qr, signed in).
        LogReviewPage($"{address}/r/{DemoCounty.ReviewCodeFor(DemoCounty.CountyHallCode, 1)}");
        using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        await LoadAsync(stoppingToken);
        LogStarted(address, clock.Speed, clock.Now);
        var last = await BackfillTodayAsync(http, stoppingToken);

        outage.Ended();

        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var now = clock.UtcNow;
                var events = new List<IngestEvent>();
                // After an outage the simulated halls are read again: what was simulated meanwhile was not stored.
                if (clock.Today != day || outage.IsOngoing)
                    await LoadAsync(stoppingToken);
                foreach (var hall in halls)
                    Step(hall, now, (now - last).TotalMinutes, events);
                last = now;
                await PostAsync(http, events, stoppingToken);
                outage.Ended();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                await outage.BackOffAsync(ex, stoppingToken);
            }
        }
    }

    /// <summary>
    /// On a day with no tickets yet, replays the county's day from opening time until now in
    /// one-minute steps (events carry their past times, within the accepted event age), so a
    /// fresh demo opens on a realistic mid-day picture rather than on empty halls.
    /// </summary>
    private async Task<DateTimeOffset> BackfillTodayAsync(HttpClient http, CancellationToken stoppingToken)
    {
        var now = clock.UtcNow;
        if (halls.Any(h => h.LastNumber.Count > 0))
            return now;
        // From the earliest opening today; a day no hall opens has nothing to replay.
        if (halls.Select(h => h.Hours.On(day.DayOfWeek)?.Opens).OfType<TimeOnly>().DefaultIfEmpty(TimeOnly.MaxValue).Min() is var earliest && earliest == TimeOnly.MaxValue)
            return now;
        var opening = clock.StartOf(day) + earliest.ToTimeSpan();
        var from = opening > now - TimeSpan.FromHours(11) ? opening : now - TimeSpan.FromHours(11);
        if (from >= now)
            return now;
        var step = TimeSpan.FromMinutes(1);
        var events = new List<IngestEvent>();
        var last = from;
        for (var at = from + step; at < now; at += step)
        {
            foreach (var hall in halls)
                Step(hall, at, step.TotalMinutes, events);
            last = at;
            if (events.Count >= 400)
            {
                await PostAsync(http, events, stoppingToken);
                events.Clear();
            }
        }
        await PostAsync(http, events, stoppingToken);
        LogBackfilled(clock.ToCounty(from), clock.ToCounty(last));
        return last;
    }

    /// <summary>The demo wall's key: the one kept from an earlier start while it is valid, else a new one.</summary>
    private async Task<string> DemoWallKeyAsync(CancellationToken stoppingToken)
    {
        var file = Path.Combine(DatabaseSetup.DataFolder(configuration, environment), "demo-wall.key");
        if (File.Exists(file) && (await File.ReadAllTextAsync(file, stoppingToken)).Trim() is { Length: > 0 } kept
            && await keys.AuthenticateAsync(kept, stoppingToken) is { Role: DeviceRole.Display })
            return kept;
        await using (var db = await databases.CreateDbContextAsync(stoppingToken))
        {
            await db.DeviceKeys.Where(k => k.RevokedAt == null && k.Name.StartsWith("demo wall"))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, clock.UtcNow), stoppingToken);
        }
        var (_, wallKey) = await keys.CreateAsync("demo wall", DeviceRole.Display, hallId: null, stoppingToken);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, wallKey, stoppingToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return wallKey;
    }

    private async Task PostAsync(HttpClient http, List<IngestEvent> events, CancellationToken stoppingToken)
    {
        for (var i = 0; i < events.Count; i += 500)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/events/batch", new IngestBatch { Events = events.Skip(i).Take(500).ToList() }, LiveJson.Options, stoppingToken);
            // The writer cannot commit just now: an outage, waited out by the caller (unreachable too: the exception goes up).
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
                throw new HttpRequestException("The ingest API answered 503.", null, response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused((int)response.StatusCode, await response.Content.ReadAsStringAsync(stoppingToken));
                await LoadAsync(stoppingToken);
                return;
            }
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        using var stopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private void Step(SimHall hall, DateTimeOffset now, double minutes, List<IngestEvent> events)
    {
        var countyNow = clock.ToCounty(now).DateTime;
        var local = TimeOnly.FromDateTime(countyNow);
        var open = hall.IsOpenAt(countyNow);
        int doorIn = 0, doorOut = 0;

        // Staff: in at opening, now and then to a meeting or out, back on time or a little late.
        foreach (var staff in hall.Staff)
        {
            if (staff.Whereabouts is null or Whereabouts.Leave && open)
            {
                Mark(staff, Client.Model.Whereabouts.In, null, null);
            }
            else if (staff.Whereabouts == Client.Model.Whereabouts.In && open && random.NextDouble() < minutes / 600)
            {
                var meeting = random.NextDouble() < 0.6;
                var back = now + TimeSpan.FromMinutes(random.Next(20, 61));
                Mark(staff, meeting ? Client.Model.Whereabouts.Meeting : Client.Model.Whereabouts.Out, back,
                    meeting ? "局务会" : "下乡走访");
                // A quarter come back late: the board should flag them.
                staff.BackAt = back + (random.NextDouble() < 0.25 ? TimeSpan.FromMinutes(random.Next(5, 26)) : TimeSpan.Zero);
            }
            else if (staff.Whereabouts is Client.Model.Whereabouts.Meeting or Client.Model.Whereabouts.Out && staff.BackAt <= now)
            {
                Mark(staff, Client.Model.Whereabouts.In, null, null);
            }
        }

        // Arrivals: a Poisson process with the hall's daily shape.
        if (open)
        {
            var expected = hall.ArrivalsPerMinute * DemoRhythm.Shape(local) * minutes;
            var arrivals = DemoRhythm.Poisson(random, expected);
            for (var i = 0; i < arrivals; i++)
            {
                var business = hall.BusinessCodes[random.Next(hall.BusinessCodes.Count)];
                var number = hall.LastNumber[business] = hall.LastNumber.GetValueOrDefault(business) + 1;
                var ticket = new SimTicket($"{business}{number:000}", business, now, random.Next(0, 3) == 0 ? 1 : 0);
                hall.Waiting.Add(ticket);
                doorIn += 1 + ticket.Companions;
                events.Add(new TicketIssuedEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, Ticket = ticket.Number, Business = business });
            }
        }

        foreach (var window in hall.Windows)
        {
            if (window.Serving is { } serving && window.FinishesAt <= now)
            {
                window.Serving = null;
                doorOut += 1 + serving.Companions;
                var outcome = DemoRhythm.Outcome(random);
                events.Add(new TicketCompletedEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, Ticket = serving.Number, Outcome = outcome });
                if (random.NextDouble() < 0.4)
                    events.Add(Review(hall, window, serving, now, outcome));
            }
            var staffed = hall.Staff.Any(s => s.Window == window.Number && s.Whereabouts == Client.Model.Whereabouts.In);
            if (window.Serving is null && staffed && open)
            {
                // General-acceptance windows take any business; the others their own.
                var next = hall.Waiting.FirstOrDefault(t => window.Business == "R" || t.Business == window.Business);
                if (next is null)
                    continue;
                hall.Waiting.Remove(next);
                events.Add(new TicketCalledEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, Ticket = next.Number, Window = window.Number });
                if (random.NextDouble() < 0.03)
                {
                    events.Add(new TicketAbandonedEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, Ticket = next.Number, NoShow = true });
                    continue;
                }
                window.Serving = next;
                window.FinishesAt = now + TimeSpan.FromMinutes(DemoRhythm.ServiceMinutes(random, window.TypicalMinutes));
            }
        }

        // Long waits: some give up; at closing, everyone still waiting goes home.
        foreach (var ticket in hall.Waiting.ToList())
        {
            var waited = (now - ticket.IssuedAt).TotalMinutes;
            if (!open || (waited > 45 && random.NextDouble() < minutes / 30))
            {
                hall.Waiting.Remove(ticket);
                doorOut += 1 + ticket.Companions;
                events.Add(new TicketAbandonedEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, Ticket = ticket.Number, NoShow = false });
            }
        }

        if (doorIn + doorOut > 0)
            events.Add(new DoorCountedEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, In = doorIn, Out = doorOut });

        void Mark(SimStaff staff, Whereabouts whereabouts, DateTimeOffset? back, string? note)
        {
            staff.Whereabouts = whereabouts;
            staff.BackAt = back;
            events.Add(new WhereaboutsChangedEvent { EventId = NextId(), OccurredAt = now, Hall = hall.Code, Staff = staff.Id, Whereabouts = whereabouts, ExpectedBack = back, Note = note });
        }
    }

    private ReviewSubmittedEvent Review(SimHall hall, SimWindow window, SimTicket ticket, DateTimeOffset now, TicketOutcome outcome)
    {
        var (level, tags) = DemoRhythm.Review(random, outcome);
        return new ReviewSubmittedEvent
        {
            EventId = NextId(), OccurredAt = now, Hall = hall.Code, Window = window.Number, Level = (int)level,
            Tags = tags == ReviewTags.None ? [] : [tags], Channel = ReviewChannel.OnSite, Ticket = ticket.Number,
            Comment = level.IsBad() ? "等了很久，材料要求没有一次性告知。" : null,
        };
    }

    private string NextId() => $"sim-{run}-{Interlocked.Increment(ref eventCounter)}";

    /// <summary>
    /// Takes over today's county as the database has it (a restart at noon continues the day):
    /// tickets still waiting, the last number per business, staff whereabouts.
    /// </summary>
    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        day = clock.Today;
        // What serves today: deactivated halls, windows and staff send nothing.
        var hallRows = await db.Halls.AsNoTracking().Where(h => h.Active).Include(h => h.Hours)
            .Include(h => h.Windows.Where(w => w.Active)).ThenInclude(w => w.Business).AsSplitQuery().ToListAsync(cancellationToken);
        var staffRows = await db.Staff.AsNoTracking().Where(s => s.Active).Include(s => s.Window).ToListAsync(cancellationToken);
        var latest = await db.WhereaboutsRecords.AsNoTracking()
            .Where(r => r.Id == db.WhereaboutsRecords.Where(o => o.StaffId == r.StaffId).Max(o => o.Id))
            .ToDictionaryAsync(r => r.StaffId, cancellationToken);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ServiceDate == day).ToListAsync(cancellationToken);
        var businessCodes = await db.Businesses.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Code, cancellationToken);

        halls = [.. hallRows.Select(h =>
        {
            var hall = new SimHall
            {
                Code = h.Code,
                Hours = h.Week(),
                ArrivalsPerMinute = DemoRhythm.ArrivalsPerMinute(h.Windows.Count),
                Windows = [.. h.Windows.Select(w => new SimWindow { Number = w.Number, Business = w.Business!.Code, TypicalMinutes = w.Business.TypicalServiceMinutes })],
                Staff = [.. staffRows.Where(s => s.HallId == h.Id).Select(s => new SimStaff
                {
                    Id = s.Id, Window = s.Window?.Number,
                    Whereabouts = latest.TryGetValue(s.Id, out var r) ? r.Whereabouts : null,
                    BackAt = latest.TryGetValue(s.Id, out var b) ? b.ExpectedBackAt : null,
                })],
            };
            hall.BusinessCodes.AddRange(h.Windows.Select(w => w.Business!.Code));
            foreach (var t in tickets.Where(t => t.HallId == h.Id))
            {
                var code = businessCodes[t.BusinessId];
                if (int.TryParse(t.Number.AsSpan(code.Length), out var n) && n > hall.LastNumber.GetValueOrDefault(code))
                    hall.LastNumber[code] = n;
                if (t.Status == TicketStatus.Waiting)
                    hall.Waiting.Add(new SimTicket(t.Number, code, t.IssuedAt, 0));
                else if (t.Status == TicketStatus.Called && hall.Windows.FirstOrDefault(w => h.Windows.Any(hw => hw.Id == t.WindowId && hw.Number == w.Number)) is { } window)
                {
                    window.Serving = new SimTicket(t.Number, code, t.IssuedAt, 0);
                    window.FinishesAt = clock.UtcNow + TimeSpan.FromMinutes(window.TypicalMinutes / 2.0);
                }
            }
            return hall;
        })];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo wall display: {Url}")]
    private partial void LogWall(string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo review page of the county hall's window 1: {Url}")]
    private partial void LogReviewPage(string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo simulator posting to {Address} at {Speed}x; county time is {Now}.")]
    private partial void LogStarted(string address, double speed, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo simulator replayed the county's day from {From:HH:mm} to {To:HH:mm} through the ingest API.")]
    private partial void LogBackfilled(DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ingest API refused the simulator's batch ({Status}): {Problem}. Reloading the day.")]
    private partial void LogRefused(int status, string problem);
}
