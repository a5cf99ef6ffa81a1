using LiveBoard.Client.Model;

namespace LiveBoard.Client.Live;

// Immutable pictures of the live state, made by the server and shown by the screens. Instants
// rather than ages: a screen computes "how long ago" against the county clock when it renders.

public sealed record CountyLiveView(
    DateTimeOffset AsOf,
    long Sequence,
    int InHalls,
    int Waiting,
    int InService,
    DateTimeOffset? OldestWaitingSince,
    int WindowsOpen,
    int WindowsStaffed,
    int WindowCount,
    int ServedToday,
    int NoShowsToday,
    int ReviewsToday,
    int BadReviewsToday,
    double? SatisfactionRate,
    WhereaboutsSummary Whereabouts,
    IReadOnlyList<HallLiveView> Halls,
    IReadOnlyList<ReviewTickerItem> RecentReviews);

public sealed record HallLiveView(
    int HallId,
    string Code,
    string Name,
    string NameEn,
    HallKind Kind,
    int Capacity,
    bool IsOpen,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosesAt,
    int InHall,
    int Waiting,
    int InService,
    DateTimeOffset? OldestWaitingSince,
    TimeSpan? AverageWait,
    TimeSpan? AverageService,
    int Served,
    int NoShows,
    int WindowsOpen,
    int WindowsStaffed,
    int WindowCount,
    int Reviews,
    int BadReviews,
    double? SatisfactionRate,
    DateTimeOffset? LastEventAt,
    WhereaboutsSummary Whereabouts,
    IReadOnlyList<BusinessQueueView> Queues,
    IReadOnlyList<WindowLiveView> Windows,
    IReadOnlyList<ReviewTickerItem> RecentReviews);

public sealed record BusinessQueueView(string Code, string Name, string NameEn, int Waiting);

public sealed record WindowLiveView(
    int WindowId,
    int Number,
    string BusinessCode,
    string Business,
    string BusinessEn,
    string? CurrentTicket,
    bool Open,
    bool Staffed,
    int Served,
    int Reviews,
    int BadReviews,
    double? SatisfactionRate,
    IReadOnlyList<StaffPresenceView> Staff);

public sealed record StaffPresenceView(
    int StaffId,
    string Name,
    string Position,
    string WorkPhone,
    Whereabouts? Whereabouts,
    DateTimeOffset? Since,
    DateTimeOffset? ExpectedBackAt,
    string? Note,
    ApprovalState Approval,
    long? RecordId = null,
    bool Late = false);

/// <summary>Counts for the board. <see cref="Unapproved"/>: on leave or travel without an approval (pending or rejected).</summary>
public sealed record WhereaboutsSummary(int In, int Out, int Meeting, int Travel, int Leave, int Unmarked, int Overdue, int Unapproved = 0, int Late = 0);

/// <summary>A review as a public screen may show it: no name, no phone, no comment.</summary>
public sealed record ReviewTickerItem(long Sequence, DateTimeOffset At, string HallCode, string HallName, string HallNameEn, int WindowNumber, ReviewLevel Level, ReviewTags Tags);

/// <summary>The live state, for components: read a picture, and be told when it changes.</summary>
public interface ILiveFeed
{
    /// <summary>The county clock's now: screens never use the display machine's clock.</summary>
    DateTimeOffset Now { get; }

    /// <summary>An instant in the county's time zone, for display.</summary>
    DateTimeOffset ToCounty(DateTimeOffset instant);

    CountyLiveView County();

    HallLiveView? Hall(int hallId);

    /// <summary>
    /// <paramref name="changed"/> runs after events for the hall (or, with null, any hall) were
    /// applied. It runs on the ingest path: it must only schedule work. Dispose to stop.
    /// </summary>
    IDisposable Subscribe(int? hallId, Action changed);
}

/// <summary>
/// How often a live component may re-render: changes arriving faster are coalesced into one
/// render at most every <see cref="MinInterval"/> (LiveBoard:Live:MinRenderInterval).
/// </summary>
public sealed record LiveRendering(TimeSpan MinInterval)
{
    public static readonly LiveRendering Default = new(TimeSpan.FromMilliseconds(250));
}
