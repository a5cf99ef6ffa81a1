using System.Security.Claims;
using LiveBoard.Client.Account;
using LiveBoard.Client.Live;
using LiveBoard.Server.Common;
using LiveBoard.Server.Features.Ingest;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;

namespace LiveBoard.Server.Features.Accounts;

/// <summary>
/// Where a user goes after signing in: the page they asked for (returnUrl), if it is a page of
/// this site that they may open; otherwise where their role works (<see cref="Workplace.Home"/>).
/// "May open" is asked of the page's own endpoint (its [Authorize] policy) and, for a hall's page,
/// of <see cref="HallScope"/>: nothing here repeats a page's rule, so nothing can drift from it.
/// </summary>
public sealed class Landing(
    EndpointDataSource endpoints,
    IAuthorizationPolicyProvider policies,
    IAuthorizationService authorization,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    ReferenceData reference,
    ILiveFeed live)
{
    public async Task<string> ForAsync(ClaimsPrincipal user, string? returnUrl) =>
        LocalUrl.IsLocal(returnUrl) && await MayOpenAsync(user, returnUrl) ? returnUrl : "/" + Workplace.Home(user, live);

    private async Task<bool> MayOpenAsync(ClaimsPrincipal user, string url)
    {
        var path = PathString.FromUriComponent(url.Split('?', '#')[0]);
        // Back to the sign-in form or to a refusal is never where anyone wants to go.
        var cookie = cookies.Get(IdentityConstants.ApplicationScheme);
        if (path == cookie.LoginPath || path == cookie.AccessDeniedPath)
            return false;
        foreach (var page in endpoints.Endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null))
        {
            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(new RouteTemplate(page.RoutePattern), []).TryMatch(path, values))
                continue;
            if (page.Metadata.GetMetadata<IAllowAnonymous>() is null
                && await AuthorizationPolicy.CombineAsync(policies, page.Metadata.GetOrderedMetadata<IAuthorizeData>()) is { } policy
                && !(await authorization.AuthorizeAsync(user, policy)).Succeeded)
                return false;
            return page.Metadata.GetMetadata<HallScopedAttribute>() is null
                || (values["Code"] is string code && reference.HallByCode(code) is { } hall && HallScope.Allows(user, hall.Id));
        }
        // Not a page: an API address, or one that does not exist.
        return false;
    }
}
