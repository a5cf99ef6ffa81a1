using System.Security.Claims;
using LiveBoard.Client.Model;

namespace LiveBoard.Client.Reviews;

/// <summary>The window a review code belongs to, as the citizen sees it.</summary>
public sealed record ReviewWindow(string Code, string HallName, string HallNameEn, int WindowNumber, string Business, string BusinessEn);

/// <summary>What the citizen entered, kept when the form comes back with an error.</summary>
public sealed record ReviewForm(string EventId, int? Level, IReadOnlyList<ReviewTags> Tags, string? Comment, string? Phone, string? Ticket);

/// <summary>A printable card: the window and its QR code (SVG) for the review link. Printed in the language of whoever prints it.</summary>
public sealed record ReviewCard(string HallName, string HallNameEn, int WindowNumber, string Business, string BusinessEn, string Url, string QrSvg);

/// <summary>The QR cards a user may print: a hall manager their hall, the director and admins any.</summary>
public interface IReviewCards
{
    Task<IReadOnlyList<(string Code, string Name, string NameEn)>> HallsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReviewCard>> CardsAsync(ClaimsPrincipal user, string hallCode, string baseUrl, CancellationToken cancellationToken = default);
}
