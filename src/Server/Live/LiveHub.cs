using System.Globalization;
using System.Security.Claims;
using LiveBoard.Client.Live;
using LiveBoard.Client.Model;
using LiveBoard.Server.Features.Devices;
using LiveBoard.Server.Features.Ingest;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace LiveBoard.Server.Live;

/// <summary>
/// One change as a hub client sees it: codes and numbers instead of internal ids, and nothing
/// private about a citizen. <see cref="Seq"/> is the county-wide sequence number.
/// </summary>
public sealed record LiveDelta(
    long Seq, string Type, string Hall, DateTimeOffset At,
    string? Ticket = null, string? Business = null, int? Window = null, TicketOutcome? Outcome = null, bool? NoShow = null,
    int? In = null, int? Out = null,
    int? Staff = null, Whereabouts? Whereabouts = null, DateTimeOffset? ExpectedBack = null, string? Note = null, ApprovalState? Approval = null,
    ReviewLevel? Level = null, ReviewTags? Tags = null);

/// <summary>
/// The answer to Join: either a snapshot (first join, or too far behind) or the deltas missed
/// since <c>after</c>. Deltas pushed with a sequence at or below <see cref="Sequence"/> are already
/// included and must be dropped by the client.
/// </summary>
public sealed record JoinResult(long Sequence, CountyLiveView? County, HallLiveView? Hall, IReadOnlyList<LiveDelta> Deltas);

/// <summary>
/// /hubs/live — for screens and devices other than this app's own pages. Protocol: call
/// Join("county" | hall code, lastSeenSequence or null); then receive "deltas" (an ordered array
/// of <see cref="LiveDelta"/>). After a reconnect, Join again with the last sequence seen: the
/// missed deltas come back in the result, none twice if the client drops sequences it has seen.
/// "organisation" (no arguments) says that halls, windows or staff changed: Join again without a
/// sequence for a fresh snapshot.
/// Who may connect: a display key (limited to its hall when the key is).
/// </summary>
[Authorize(Policy = LiveHub.ViewerPolicy)]
public sealed class LiveHub(LiveState state, JournalReader journal, ReferenceData reference, LiveMetrics metrics, DeviceRevocations revocations) : Hub
{
    public const string ViewerPolicy = "LiveViewer";
    public const string CountyGroup = "county";
    private const int MaxReplay = 5_000;

    public static string HallGroup(string code) => $"hall:{code.ToUpperInvariant()}";

    public override Task OnConnectedAsync()
    {
        metrics.HubConnected();
        // A connection opened with a display key lasts only as long as the key: revoked, it is closed.
        if (int.TryParse(Context.User?.FindFirstValue(DeviceKeyAuthentication.DeviceIdClaim), CultureInfo.InvariantCulture, out var device))
        {
            var context = Context;
            context.Items[typeof(DeviceRevocations)] = revocations.Watch(device, context.Abort);
        }
        return base.OnConnectedAsync();
    }

    // Called for every connection that OnConnectedAsync saw, however it ended.
    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.HubDisconnected();
        if (Context.Items.TryGetValue(typeof(DeviceRevocations), out var watch))
            (watch as IDisposable)?.Dispose();
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<JoinResult> Join(string scope, long? after)
    {
        ReferenceData.HallInfo? hall = null;
        if (!string.Equals(scope, CountyGroup, StringComparison.OrdinalIgnoreCase))
            hall = reference.HallByCode(scope) ?? throw new HubException($"Unknown hall '{scope}'.");
        var limitedTo = Context.User?.FindFirstValue(DeviceKeyAuthentication.HallClaim) is { } claim ? int.Parse(claim, CultureInfo.InvariantCulture) : (int?)null;
        if (limitedTo is not null && hall?.Id != limitedTo)
            throw new HubException("This display key is limited to its own hall.");

        // Join the group first, then read: an event committed in between arrives both ways, and
        // the client drops the copy by its sequence number. The other order could lose it.
        await Groups.AddToGroupAsync(Context.ConnectionId, hall is null ? CountyGroup : HallGroup(hall.Code));

        var last = state.LastSequence;
        if (after is { } seen && seen <= last && last - seen <= MaxReplay)
        {
            var missed = await journal.ReadAfterAsync(seen, MaxReplay);
            var deltas = missed.Where(e => hall is null || e.HallId == hall.Id).Select(e => ToDelta(e, reference)).ToList();
            return new JoinResult(missed.Count > 0 ? missed[^1].Sequence : seen, null, null, deltas);
        }
        return hall is null
            ? new JoinResult(last, state.County(), null, [])
            : new JoinResult(last, null, state.Hall(hall.Id), []);
    }

    public static LiveDelta ToDelta(LiveEvent e, ReferenceData reference)
    {
        var hallCode = reference.Hall(e.HallId)?.Code ?? "";
        int? windowNumber = e.WindowId is { } id ? reference.Window(id)?.Number : null;
        return new LiveDelta(e.Sequence, e.WireType, hallCode, e.OccurredAt,
            e.Ticket, e.BusinessId is { } b ? reference.Business(b)?.Code : null, windowNumber, e.Outcome, e.NoShow,
            e.In, e.Out,
            e.StaffId, e.Whereabouts, e.ExpectedBackAt, e.Note, e.Approval,
            e.Level, e.Tags);
    }
}
