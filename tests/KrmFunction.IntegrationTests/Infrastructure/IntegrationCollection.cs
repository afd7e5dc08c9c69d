namespace KrmOtel.IntegrationTests.Infrastructure;

/// <summary>One collection: the binary is published once, and the tools (kpt, podman) never run concurrently.</summary>
[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<PublishedBinary>
{
    public const string Name = "real tools";
}
