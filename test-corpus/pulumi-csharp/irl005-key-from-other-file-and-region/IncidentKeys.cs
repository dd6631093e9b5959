using Pulumi;
using Pulumi.Aws;
using Pulumi.Aws.Kms;

/// <summary>The replication set's key, in Oregon.</summary>
static class IncidentKeys
{
    public const string Region = "us-west-2";

    public static Key Create()
    {
        var oregon = new Provider("oregon", new ProviderArgs { Region = Region });
        return new Key("incidents", new KeyArgs { Description = "Incident Manager" },
            new CustomResourceOptions { Provider = oregon });
    }
}
