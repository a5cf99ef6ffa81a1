using LiveBoard.Client.Account;

namespace LiveBoard.Client.Admin;

/// <summary>The administration's refusals and names, as text keys (the resource files word them).</summary>
public static class AdminText
{
    public static string Role(UserRole role) => role switch
    {
        UserRole.Leader => "County leader",
        UserRole.Director => "Centre director",
        UserRole.HallManager => "Hall manager",
        UserRole.Staff => "Staff",
        UserRole.Admin => "Administrator",
        _ => role.ToString(),
    };

    public static string User(UserRefusal refusal) => refusal switch
    {
        UserRefusal.MayNotAdminister => "Only administrators may do this.",
        UserRefusal.NoSuchUser => "No such user.",
        UserRefusal.UserNameRequired => "Enter a user name.",
        UserRefusal.UserNameInvalid => "A user name has at most 64 letters, digits and - . _ @ + (no spaces).",
        UserRefusal.UserNameTaken => "That user name is taken.",
        UserRefusal.DisplayNameRequired => "Enter the name shown in the top bar (at most 100 characters).",
        UserRefusal.HallRequired => "Hall managers and staff need a hall.",
        UserRefusal.NoSuchHall => "No such hall.",
        UserRefusal.StaffRequired => "A staff account needs the staff member it is.",
        UserRefusal.NoSuchStaff => "That staff member is not in the chosen hall.",
        UserRefusal.LastAdmin => "This is the last active administrator: disable or demote it and nobody could administer the county. Make another administrator first.",
        _ => refusal.ToString(),
    };

    public static string Device(DeviceRefusal refusal) => refusal switch
    {
        DeviceRefusal.MayNotAdminister => "Only administrators may do this.",
        DeviceRefusal.NameRequired => "Enter a name that says where the device is (at most 100 characters).",
        DeviceRefusal.NoSuchHall => "No such hall.",
        DeviceRefusal.NoSuchDevice => "No such device.",
        DeviceRefusal.AlreadyRevoked => "This key is revoked already.",
        DeviceRefusal.BuiltIn => "This is one of LiveBoard's own devices (the review page, the app's forms); it cannot be changed here.",
        _ => refusal.ToString(),
    };

    public static string Kind(DeviceKind kind) => kind == DeviceKind.Display ? "Display" : "Sender";

    public static string Import(ImportRefusal refusal) => refusal switch
    {
        ImportRefusal.UnreadableFile => "The file cannot be read: use a CSV or text file (UTF-8 or GB18030) or an .xlsx workbook.",
        ImportRefusal.Empty => "There is nothing to import.",
        ImportRefusal.UnreadableDate => "The date cannot be read: write it as 2027-02-06 (a range as 2027-02-15..2027-02-21).",
        ImportRefusal.UnknownKind => "The last column must say holiday or workday (休 or 班).",
        ImportRefusal.NameMissing => "The name is missing.",
        ImportRefusal.TooLong => "A name or position is too long.",
        ImportRefusal.DateTwice => "This date is on an earlier line too.",
        ImportRefusal.MakeUpDayOnWeekday => "A make-up working day is a Saturday or Sunday: this date is a weekday already.",
        ImportRefusal.RangeBackwards => "The range ends before it starts.",
        ImportRefusal.RangeTooLong => "A range covers at most 31 days.",
        ImportRefusal.NoSuchHall => "No hall with this code.",
        ImportRefusal.NoSuchDepartment => "No department with this code.",
        ImportRefusal.PositionMissing => "The position is missing.",
        ImportRefusal.MissingColumns => "Columns are missing.",
        _ => refusal.ToString(),
    };

    public static string Threshold(string field) => field switch
    {
        nameof(ThresholdValues.NegativePercent) => "Bad reviews (%)",
        nameof(ThresholdValues.NegativeWindowMinutes) => "… within (min)",
        nameof(ThresholdValues.NegativeMinimum) => "… among at least (reviews)",
        nameof(ThresholdValues.LongWaitMinutes) => "Longest wait (min)",
        nameof(ThresholdValues.SilentAfterMinutes) => "Silent hall after (min)",
        nameof(ThresholdValues.OverdueAfterMinutes) => "Overdue return after (min)",
        _ => field,
    };

    public static string Roster(RosterRefusal refusal) => refusal switch
    {
        RosterRefusal.MayNotAdminister => "Only administrators may do this.",
        RosterRefusal.NoSuchShift => "This shift was removed meanwhile.",
        RosterRefusal.DateRequired => "Choose the date.",
        RosterRefusal.NoSuchHall => "Choose the hall.",
        RosterRefusal.NoSuchDepartment => "Choose the department.",
        RosterRefusal.NameRequired => "Enter the director's name (at most 50 characters).",
        RosterRefusal.PositionRequired => "Enter the position (at most 100 characters).",
        _ => refusal.ToString(),
    };

    public static string ReviewCode(ReviewCodeRefusal refusal) => refusal switch
    {
        ReviewCodeRefusal.MayNotAdminister => "Only administrators may do this.",
        ReviewCodeRefusal.NoSuchWindow => "No such window.",
        _ => refusal.ToString(),
    };
}
