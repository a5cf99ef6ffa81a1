using LiveBoard.Client.Model;

namespace LiveBoard.Server.Features.Halls;

// The organisation (decision 0015). Everything here is found by its natural key (a code, a hall's
// code and a window number, a staff number) — the key an import matches rows by. Nothing with
// history is ever deleted: it is deactivated, leaves the live screens and the validation of new
// events, and keeps its statistics.

/// <summary>A public service hall: the county administrative service hall or a township hall.</summary>
public sealed class Hall
{
    public int Id { get; set; }

    /// <summary>Short stable code used by devices and URLs, e.g. "CTY" or "T07".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public HallKind Kind { get; set; }

    /// <summary>People the hall holds comfortably; above it the hall is "over capacity".</summary>
    public int Capacity { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Its week: one row per weekday it opens (none: closed that day).</summary>
    public List<HallHours> Hours { get; set; } = [];

    public List<ServiceWindow> Windows { get; set; } = [];

    public WeekHours Week() => new([.. Hours.OrderBy(h => h.Day).Select(h => h.ToDayHours())]);
}

/// <summary>A hall's opening hours on one weekday, in the county's time zone, with the lunch break if it has one.</summary>
public sealed class HallHours
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public Hall? Hall { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly OpensAt { get; set; }
    public TimeOnly? LunchStartsAt { get; set; }
    public TimeOnly? LunchEndsAt { get; set; }
    public TimeOnly ClosesAt { get; set; }

    public DayHours ToDayHours() => new(Day, OpensAt, ClosesAt, LunchStartsAt, LunchEndsAt);
}

/// <summary>A department stationed in the halls (social security, real estate, ...).</summary>
public sealed class Department
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>A business a citizen takes a ticket for; its letter prefixes the ticket numbers.</summary>
public sealed class Business
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>Typical minutes at the window; the simulator and the "typical day" use it.</summary>
    public int TypicalServiceMinutes { get; set; }

    public bool Active { get; set; } = true;
}

/// <summary>A service window (counter) of a hall.</summary>
public sealed class ServiceWindow
{
    public int Id { get; set; }
    public int HallId { get; set; }
    public Hall? Hall { get; set; }
    public int Number { get; set; }
    public int BusinessId { get; set; }
    public Business? Business { get; set; }

    /// <summary>The department that staffs it when that is not the business's own (a general-acceptance window); null: the business's.</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }

    /// <summary>Printed in the window's QR code; kept when the window changes, so printed codes stay valid.</summary>
    public required string ReviewCode { get; set; }

    public bool Active { get; set; } = true;
}
