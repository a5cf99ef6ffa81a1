using System.Net;
using LiveBoard.Server.Features.Telemetry;
using Microsoft.AspNetCore.Http;

namespace LiveBoard.UnitTests;

public sealed class ScrapeAccessTests
{
    private const string Setting = "LiveBoard:Telemetry:Prometheus:AllowedNetworks";

    private static bool Allows(ScrapeAccess access, string address, string? forwardingHeader = null)
    {
        var headers = new HeaderDictionary();
        if (forwardingHeader is not null)
            headers[forwardingHeader] = "203.0.113.9";
        return access.Allows(IPAddress.Parse(address), headers);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.0.3")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void This_machine_may_scrape_with_nothing_configured(string address) =>
        Assert.True(Allows(ScrapeAccess.Parse(null, Setting), address));

    [Theory]
    [InlineData("10.0.5.20", true)]
    [InlineData("::ffff:10.0.5.20", true)]
    [InlineData("10.0.6.20", false)]
    [InlineData("192.168.1.7", true)]
    [InlineData("192.168.1.8", false)]
    [InlineData("fd00:1::5", true)]
    [InlineData("203.0.113.9", false)]
    public void Only_the_configured_networks_may_scrape_from_elsewhere(string address, bool allowed) =>
        Assert.Equal(allowed, Allows(ScrapeAccess.Parse("10.0.5.0/24, 192.168.1.7; fd00:1::/64", Setting), address));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    public void A_request_through_a_proxy_is_refused_even_from_loopback(string header) =>
        Assert.False(Allows(ScrapeAccess.Parse("10.0.5.0/24", Setting), "127.0.0.1", header));

    [Fact]
    public void Nobody_without_an_address_may_scrape() =>
        Assert.False(ScrapeAccess.Parse(null, Setting).Allows(null, new HeaderDictionary()));

    [Fact]
    public void A_mistyped_network_stops_the_start_with_the_setting_named()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScrapeAccess.Parse("10.0.5.0/24, 10.0.5", Setting));
        Assert.Contains(Setting, error.Message);
        Assert.Contains("'10.0.5'", error.Message);
    }
}
