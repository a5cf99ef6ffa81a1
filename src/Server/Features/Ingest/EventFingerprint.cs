using System.Security.Cryptography;
using System.Text.Json;
using LiveBoard.Server.Live;

namespace LiveBoard.Server.Features.Ingest;

/// <summary>
/// What tells a retry from a reused event id: a hash of the event's body as the device sent it, kept
/// with the event in the journal. The same id with the same fingerprint is a retry (acknowledged again,
/// applied once); with another, a conflict (409). Times count as instants (the same moment written with
/// another offset is the same body) and tags as a set. The citizen's phone is left out: a hash of a
/// phone number is as good as the number, and the journal keeps nothing private about a citizen.
/// </summary>
public static class EventFingerprint
{
    public static string Of(IngestEvent input)
    {
        var normal = input switch
        {
            WhereaboutsChangedEvent change => change with { ExpectedBack = change.ExpectedBack?.ToUniversalTime() },
            ReviewSubmittedEvent review => review with { Phone = null, Tags = review.Tags is null ? null : [.. review.Tags.Distinct().Order()] },
            _ => input,
        };
        normal = normal with { OccurredAt = normal.OccurredAt?.ToUniversalTime() };
        // The runtime type's name first: two types with the same fields set are different bodies.
        var type = normal.GetType();
        byte[] named = [.. System.Text.Encoding.ASCII.GetBytes(type.Name + "\n"), .. JsonSerializer.SerializeToUtf8Bytes(normal, type, LiveJson.Options)];
        return Convert.ToBase64String(SHA256.HashData(named).AsSpan(0, 12));
    }
}
