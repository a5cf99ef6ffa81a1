namespace LiveBoard.Client.Model;

// The domain's vocabulary, shared by the server's entities and the screens that show them.
// Numeric values are stored in the database and the event log: never renumber.

public enum HallKind
{
    County = 1,
    Township = 2,
}

/// <summary>Where a staff member is, as on the paper "inform board".</summary>
public enum Whereabouts
{
    In = 1,
    Out = 2,
    Meeting = 3,
    Travel = 4,
    Leave = 5,
}

public enum ApprovalState
{
    /// <summary>In, out and meeting need no approval.</summary>
    NotRequired = 0,
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

public enum TicketStatus
{
    Waiting = 1,
    Called = 2,
    Served = 3,
    NoShow = 4,
    Abandoned = 5,
}

/// <summary>The five levels of the "good/bad review"; 1 and 2 are bad reviews.</summary>
public enum ReviewLevel
{
    VeryDissatisfied = 1,
    Dissatisfied = 2,
    BasicallySatisfied = 3,
    Satisfied = 4,
    VerySatisfied = 5,
}

public enum ReviewChannel
{
    OnSite = 1,
    Online = 2,
}

/// <summary>Issue tags in the four aspects; a review can carry several.</summary>
[Flags]
public enum ReviewTags
{
    None = 0,
    // Work effectiveness
    LowEfficiency = 1 << 0,
    ExceededTimeLimit = 1 << 1,
    Perfunctory = 1 << 2,
    MadeMeComeBack = 1 << 3,
    // Service attitude
    NoCivilLanguage = 1 << 4,
    Indifferent = 1 << 5,
    Impatient = 1 << 6,
    // Service capability
    UnclearOnPolicy = 1 << 7,
    NotToldAllRequirements = 1 << 8,
    CouldNotOperate = 1 << 9,
    // Work style
    LateOrLeftEarly = 1 << 10,
    LeftPostWithoutReason = 1 << 11,
    NeglectOfDuty = 1 << 12,
    AskedForFavours = 1 << 13,
}

public enum AlertKind
{
    BadReview = 1,
    NegativeRate = 2,
    UnstaffedWindow = 3,
    OverdueReturn = 4,
    OverCapacity = 5,
    LongWait = 6,
    SilentHall = 7,
}

public enum AlertStatus
{
    Open = 1,
    Acknowledged = 2,
    Resolved = 3,
    Appealed = 4,
    Closed = 5,
}

public enum AppealState
{
    None = 0,
    /// <summary>The hall says the review is mistaken or malicious; the director decides.</summary>
    Pending = 1,
    /// <summary>Upheld: the review no longer counts in any statistic.</summary>
    Upheld = 2,
    Rejected = 3,
}

public static class ReviewRules
{
    public static bool IsBad(this ReviewLevel level) => level <= ReviewLevel.Dissatisfied;
}
