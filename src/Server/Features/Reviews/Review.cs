using LiveBoard.Client.Model;

namespace LiveBoard.Server.Features.Reviews;

/// <summary>A citizen's rating of a window. The id is the sequence number of its event.</summary>
public sealed class Review
{
    public long Id { get; set; }
    public int HallId { get; set; }
    public int WindowId { get; set; }

    /// <summary>The staff member marked at the window when the review arrived, if any.</summary>
    public int? StaffId { get; set; }
    public long? TicketId { get; set; }
    public ReviewLevel Level { get; set; }
    public ReviewTags Tags { get; set; }
    public string? Comment { get; set; }
    public ReviewChannel Channel { get; set; }

    /// <summary>The Data Protection purpose that encrypts <see cref="ContactPhone"/>: the writer protects, the inbox reads.</summary>
    public const string PhoneProtection = "LiveBoard.Reviews.ContactPhone";

    /// <summary>For the return call only, encrypted; never shown on a public screen.</summary>
    public string? ContactPhone { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Set when an appeal is upheld: the review no longer counts in any statistic.</summary>
    public bool ExcludedByAppeal { get; set; }
}
