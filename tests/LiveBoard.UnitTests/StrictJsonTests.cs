using System.Text.Json;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Ingest;
using LiveBoard.Server.Live;

namespace LiveBoard.UnitTests;

/// <summary>What the API's JSON reading refuses (issue 17's "accepted garbage"), and what it still reads: everything LiveBoard writes.</summary>
public sealed class StrictJsonTests
{
    private static IngestEvent Read(string json) => JsonSerializer.Deserialize<IngestEvent>(json, LiveJson.Options)!;

    private static JsonValueRefusedException Refused(string json) => Assert.Throws<JsonValueRefusedException>(() => Read(json));

    private const string Change = """{"type":"whereabouts.changed","eventId":"w1","occurredAt":"2026-11-23T09:14:03+08:00","hall":"CTY","staff":42,""";

    [Theory]
    [InlineData("\"in,out\"")]
    [InlineData("\"in, out\"")]
    [InlineData("\"IN\"")]
    [InlineData("\" in\"")]
    [InlineData("\"3\"")]
    [InlineData("\"Meeting\"")]
    public void An_enum_is_read_by_its_name_only(string value)
    {
        var refused = Refused(Change + $"\"whereabouts\":{value}}}");

        Assert.Equal(EventRefusal.NotOneOfTheNames, refused.Code);
        Assert.Equal("$.whereabouts", refused.Path);
        Assert.Contains("in, out, meeting, travel, leave", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_as_a_number_is_refused()
    {
        Assert.Equal(EventRefusal.NotOneOfTheNames, Refused(Change + "\"whereabouts\":3}").Code);
        Assert.Equal(Whereabouts.Meeting, ((WhereaboutsChangedEvent)Read(Change + "\"whereabouts\":\"meeting\"}")).Whereabouts);
    }

    [Theory]
    [InlineData("2026-11-23T09:14:03")]
    [InlineData("2026-11-23T09:14:03.250")]
    [InlineData("2026-11-23")]
    public void A_time_without_its_offset_is_refused_saying_so(string time)
    {
        var refused = Refused($$"""{"type":"door.counted","eventId":"d1","occurredAt":"{{time}}","hall":"CTY","in":1}""");

        Assert.Equal(EventRefusal.TimeWithoutOffset, refused.Code);
        Assert.Equal("$.occurredAt", refused.Path);
        Assert.Contains("offset from UTC, e.g. 2026-11-23T09:14:03+08:00", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-11-23T09:14:03+08:00", 1)]
    [InlineData("2026-11-23T01:14:03Z", 1)]
    [InlineData("2026-11-23T01:14:03.5-00:00", 1)]
    public void A_time_with_its_offset_is_read_as_that_instant(string time, int hourUtc)
    {
        var e = Read($$"""{"type":"door.counted","eventId":"d1","occurredAt":"{{time}}","hall":"CTY","in":1}""");

        Assert.Equal(hourUtc, e.OccurredAt!.Value.UtcDateTime.Hour);
    }

    [Fact]
    public void Numbers_come_as_numbers_and_each_property_once()
    {
        Assert.Throws<JsonException>(() => Read("""{"type":"door.counted","eventId":"d1","hall":"CTY","in":"3"}"""));
        Assert.Throws<JsonException>(() => Read("""{"type":"door.counted","eventId":"d1","eventId":"d2","hall":"CTY","in":3}"""));
        Assert.Equal(3, ((DoorCountedEvent)Read("""{"type":"door.counted","eventId":"d1","hall":"CTY","in":3}""")).In);
    }

    [Fact]
    public void What_LiveBoard_writes_reads_back_unchanged_review_tags_as_a_set_included()
    {
        var e = new LiveEvent
        {
            Sequence = 7, Type = EventType.ReviewSubmitted, HallId = 1, DeviceId = 2, ClientEventId = "r1",
            OccurredAt = new DateTimeOffset(2026, 11, 23, 9, 14, 3, TimeSpan.FromHours(8)), ReceivedAt = DateTimeOffset.UnixEpoch,
            Level = ReviewLevel.VeryDissatisfied, Tags = ReviewTags.Impatient | ReviewTags.LowEfficiency, Channel = ReviewChannel.OnSite, Fingerprint = "abc",
        };

        var payload = JournalReader.Serialize(e);

        Assert.Contains("\"tags\":\"low-efficiency, impatient\"", payload, StringComparison.Ordinal);
        Assert.Equal(e, JournalReader.Deserialize(payload));
    }

    [Fact]
    public void A_retry_has_the_fingerprint_of_the_original_and_another_body_has_another()
    {
        var review = new ReviewSubmittedEvent
        {
            EventId = "r1", OccurredAt = new DateTimeOffset(2026, 11, 23, 9, 14, 3, TimeSpan.FromHours(8)), Hall = "CTY", Window = 3, Level = 1,
            Tags = [ReviewTags.Impatient, ReviewTags.LowEfficiency], Comment = "慢", Phone = "13800000000",
        };

        var original = EventFingerprint.Of(review);

        // The same instant in UTC, the tags in another order: the same body.
        Assert.Equal(original, EventFingerprint.Of(review with { OccurredAt = review.OccurredAt.Value.ToUniversalTime(), Tags = [ReviewTags.LowEfficiency, ReviewTags.Impatient] }));
        // The phone is never part of it (a hash of a phone number is the number).
        Assert.Equal(original, EventFingerprint.Of(review with { Phone = "13900000000" }));
        Assert.NotEqual(original, EventFingerprint.Of(review with { Level = 2 }));
        Assert.NotEqual(original, EventFingerprint.Of(review with { Comment = "快" }));
        Assert.NotEqual(original, EventFingerprint.Of(review with { OccurredAt = review.OccurredAt.Value.AddSeconds(1) }));
        Assert.NotEqual(EventFingerprint.Of(new TicketCompletedEvent { EventId = "t", Ticket = "A1" }), EventFingerprint.Of(new TicketAbandonedEvent { EventId = "t", Ticket = "A1" }));
    }
}
