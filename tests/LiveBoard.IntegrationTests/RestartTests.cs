using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;
using LiveBoard.Testing;

namespace LiveBoard.IntegrationTests;

public sealed class RestartTests
{
    [Fact]
    public async Task A_restart_shows_the_same_figures_and_still_recognises_retried_events()
    {
        // One clock for both runs: the second start continues the same county morning.
        var time = ShiftedTime.At(new TimeOnly(10, 0));
        var now = time.GetUtcNow();
        TicketIssuedEvent Issued(string ticket) => new() { EventId = $"issue-{ticket}", OccurredAt = now, Hall = "CTY", Ticket = ticket, Business = "A" };
        var review = new ReviewSubmittedEvent { EventId = "review-1", OccurredAt = now, Hall = "CTY", Window = 3, Level = 2, Tags = [LiveBoard.Client.Model.ReviewTags.Impatient] };
        string dataFolder;
        string keyBefore;
        (int Waiting, int InService, int Served, int Reviews, long Sequence) before;

        using (var first = new LiveBoardApp(time: time))
        {
            dataFolder = first.DataFolder;
            keyBefore = await first.DeviceKeyAsync(Server.Features.Devices.DeviceRole.Sender);
            using var client = new HttpClient { BaseAddress = first.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", keyBefore);
            (await LiveBoardApp.PostBatchAsync(client,
                Issued("A001"), Issued("A002"), Issued("A003"),
                new TicketCalledEvent { EventId = "call-1", OccurredAt = now, Hall = "CTY", Ticket = "A001", Window = 3 },
                new TicketCompletedEvent { EventId = "done-1", OccurredAt = now, Hall = "CTY", Ticket = "A001", Outcome = TicketOutcome.Done },
                new TicketCalledEvent { EventId = "call-2", OccurredAt = now, Hall = "CTY", Ticket = "A002", Window = 4 },
                review)).EnsureSuccessStatusCode();
            var county = first.State.County();
            before = (county.Waiting, county.InService, county.ServedToday, county.ReviewsToday, county.Sequence);
        }

        using var second = new LiveBoardApp(dataFolder, time: time);
        try
        {
            var county = second.State.County();
            Assert.Equal(before, (county.Waiting, county.InService, county.ServedToday, county.ReviewsToday, county.Sequence));
            Assert.Equal((1, 1, 1, 1), (county.Waiting, county.InService, county.ServedToday, county.ReviewsToday));

            using var client = new HttpClient { BaseAddress = second.BaseAddress };
            client.DefaultRequestHeaders.Authorization = new("Bearer", keyBefore);
            var retried = await (await LiveBoardApp.PostAsync(client, review)).Content.ReadFromJsonAsync<JsonObject>();
            Assert.True((bool)retried!["duplicate"]!);
            Assert.Equal(1, second.State.County().ReviewsToday);
        }
        finally
        {
            second.Dispose();
            second.DeleteData();
        }
    }
}
