#:property PublishAot=false
// Extracts _framework/blazor.web.js from the ASP.NET Core 9.0 runtime pack's
// Microsoft.AspNetCore.Components.Endpoints.dll, where it is embedded as a manifest resource.
// Run by the Server project's build (target ExtractBlazorScript); see
// docs/decisions/0002-blazor-script-from-runtime-pack.md for why it exists.
// Usage: dotnet run ExtractBlazorScript.cs -- <assembly> <output file>
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ExtractBlazorScript <assembly> <output>");
    return 2;
}

using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var metadata = pe.GetMetadataReader();
var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
var section = pe.GetSectionData(directory.RelativeVirtualAddress);
foreach (var handle in metadata.ManifestResources)
{
    var resource = metadata.GetManifestResource(handle);
    if (metadata.GetString(resource.Name) != "_framework/blazor.web.js")
        continue;
    // ECMA-335 II.24.2.4: each resource is a 4-byte little-endian length, then the bytes.
    var reader = section.GetReader((int)resource.Offset, directory.Size - (int)resource.Offset);
    var length = reader.ReadInt32();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    File.WriteAllBytes(args[1], reader.ReadBytes(length));
    Console.WriteLine($"blazor.web.js ({length} bytes) extracted from {args[0]}");
    return 0;
}
Console.Error.WriteLine($"_framework/blazor.web.js is not embedded in {args[0]}");
return 1;
