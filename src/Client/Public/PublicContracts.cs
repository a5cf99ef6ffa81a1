using LiveBoard.Client.Reports;

namespace LiveBoard.Client.Public;

/// <summary>
/// A hall's results as the public sees them: satisfaction this month and last, its bad reviews and
/// what became of them. Figures only: no staff member and no citizen is ever named.
/// </summary>
public sealed record PublicHall(string Code, UnitName Name, int Reviews, double? GoodRate, int LastMonthReviews, double? LastMonthGoodRate, int Bad, Rectification Rectification);

/// <summary>
/// The county's public results page: every hall this month and last, the county's total, and the
/// latest published window ranking (ten best, ten worst; null until a month has been published).
/// </summary>
public sealed record PublicResults(ReportPeriod Month, ReportPeriod LastMonth, IReadOnlyList<PublicHall> Halls, PublicHall County, RankingView? Published, DateTimeOffset UpdatedAt);
