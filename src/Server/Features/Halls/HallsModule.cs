using LiveBoard.Client.Halls;

namespace LiveBoard.Server.Features.Halls;

public static class HallsModule
{
    public static IServiceCollection AddHalls(this IServiceCollection services) =>
        services.AddSingleton<IHallDirectory, HallDirectory>().AddSingleton<ICountySearch, CountySearch>();

    public static IEndpointRouteBuilder MapHalls(this IEndpointRouteBuilder endpoints)
    {
        // Public: halls, windows and their businesses are what the hall's entrance board shows
        // anyway, and devices need them to configure themselves. No staff data here.
        endpoints.MapGet("/api/v1/halls", (IHallDirectory halls, CancellationToken cancellationToken) => halls.GetHallsAsync(cancellationToken))
            .WithName("ListHalls")
            .WithTags("Halls")
            .AllowAnonymous();
        return endpoints;
    }
}
