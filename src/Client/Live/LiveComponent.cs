using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace LiveBoard.Client.Live;

/// <summary>
/// Base for components that show live figures. Subscribes after the first interactive render
/// (not while prerendering), re-renders when the live state changes — at once when it has been
/// quiet, otherwise coalesced to one render per <see cref="LiveRendering.MinInterval"/> — and
/// unsubscribes with the circuit. Never polls; the optional <see cref="ClockTick"/> only
/// refreshes relative times ("3 min ago") already on the page.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private IDisposable? subscription;
    private Timer? clockTimer;
    private int renderScheduled;
    private long lastRenderTicks;
    private bool disposed;
    private (CultureInfo Culture, CultureInfo UICulture) circuitCulture;

    [Inject]
    protected ILiveFeed Live { get; set; } = default!;

    [Inject]
    private LiveRendering Rendering { get; set; } = default!;

    /// <summary>The hall whose changes matter; null for any hall.</summary>
    protected virtual int? LiveScope => null;

    /// <summary>How often relative times are refreshed; null for never.</summary>
    protected virtual TimeSpan? ClockTick => null;

    /// <summary>
    /// Runs on the renderer's thread before each live or clock-driven render: the place to react
    /// to what changed (start an alert, turn a page) without doing it inside the markup.
    /// </summary>
    protected virtual void OnLiveUpdate()
    {
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
            return;
        // Live renders are started by the ingest path or a timer, on threads that do not carry
        // the circuit's culture: remember it here (the circuit's own flow) and render with it.
        circuitCulture = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        subscription = Live.Subscribe(LiveScope, ScheduleRender);
        if (ClockTick is { } tick)
            clockTimer = new Timer(_ => ScheduleRender(), null, tick, tick);
        // Anything that changed between the prerender and the subscription shows now.
        ScheduleRender();
    }

    /// <summary>For other live sources (alerts): render soon, coalesced, in the circuit's language.</summary>
    protected void RequestRender() => ScheduleRender();

    private void ScheduleRender()
    {
        if (disposed || Interlocked.Exchange(ref renderScheduled, 1) == 1)
            return;
        var sinceLast = TimeSpan.FromTicks(Environment.TickCount64 * TimeSpan.TicksPerMillisecond - Interlocked.Read(ref lastRenderTicks));
        var minInterval = Rendering.MinInterval;
        _ = RenderAsync(sinceLast < minInterval ? minInterval - sinceLast : TimeSpan.Zero);
    }

    private async Task RenderAsync(TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay);
            Volatile.Write(ref renderScheduled, 0);
            Interlocked.Exchange(ref lastRenderTicks, Environment.TickCount64 * TimeSpan.TicksPerMillisecond);
            if (!disposed)
            {
                await InvokeAsync(() =>
                {
                    (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = circuitCulture;
                    OnLiveUpdate();
                    StateHasChanged();
                });
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away between the change and the render.
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    /// <summary>For subclasses with subscriptions of their own.</summary>
    protected virtual void OnDispose()
    {
    }

    public void Dispose()
    {
        disposed = true;
        subscription?.Dispose();
        clockTimer?.Dispose();
        OnDispose();
        GC.SuppressFinalize(this);
    }
}
