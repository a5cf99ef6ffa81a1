using System.Net;

namespace LiveBoard.Server.Features.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: the monitoring system, by its address. The figures name no
/// citizen, but they show the county's traffic, the server's load and its versions, so the public
/// does not get them. Allowed: this machine (loopback) and the networks listed in
/// <c>LiveBoard:Telemetry:Prometheus:AllowedNetworks</c>. A request that came through a proxy
/// (it carries a forwarding header) is refused whatever its address: behind a reverse proxy on this
/// machine every visitor would otherwise look like loopback.
/// </summary>
public sealed class ScrapeAccess
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    private readonly IPNetwork[] networks;

    public ScrapeAccess(IEnumerable<IPNetwork> networks) => this.networks = [.. networks];

    public IReadOnlyList<IPNetwork> Networks => networks;

    /// <summary>Reads the setting: addresses or CIDR networks separated by commas, e.g. <c>10.0.5.0/24, 192.168.1.7</c>.</summary>
    public static ScrapeAccess Parse(string? list, string settingName)
    {
        var parsed = new List<IPNetwork>();
        foreach (var item in (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            var text = item.Contains('/') ? item : item + (item.Contains(':') ? "/128" : "/32");
            // .NET reads "10.0.5" as 10.0.0.5 (the old inet_aton forms): an IPv4 address needs its four parts here.
            var isShortIPv4 = !item.Contains(':') && text[..text.IndexOf('/')].Count(c => c == '.') != 3;
            if (isShortIPv4 || !IPNetwork.TryParse(text, out var network))
                throw new InvalidOperationException($"{settingName}: '{item}' is neither an address nor a network (write e.g. 10.0.5.0/24).");
            parsed.Add(network);
        }
        return new ScrapeAccess(parsed);
    }

    public bool Allows(IPAddress? remote, IHeaderDictionary headers)
    {
        if (remote is null)
            return false;
        foreach (var header in ForwardingHeaders)
        {
            if (headers.ContainsKey(header))
                return false;
        }
        if (remote.IsIPv4MappedToIPv6)
            remote = remote.MapToIPv4();
        if (IPAddress.IsLoopback(remote))
            return true;
        foreach (var network in networks)
        {
            if (network.Contains(remote))
                return true;
        }
        return false;
    }
}
