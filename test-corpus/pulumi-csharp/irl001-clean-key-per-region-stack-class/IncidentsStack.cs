using Pulumi;
using Pulumi.Aws;
using Pulumi.Aws.Kms;
using Pulumi.Aws.SsmIncidents;
using Pulumi.Aws.SsmIncidents.Inputs;

class IncidentsStack : Stack
{
    public IncidentsStack()
    {
        var east = new Provider("east", new ProviderArgs { Region = "us-east-1" });
        var west = new Provider("west", new ProviderArgs { Region = "us-west-2" });

        var eastKey = new Key("incidents-east", new KeyArgs { Description = "Incident Manager" },
            new CustomResourceOptions { Provider = east });
        var westKey = new Key("incidents-west", new KeyArgs { Description = "Incident Manager" },
            new CustomResourceOptions { Provider = west });

        var replicationSet = new ReplicationSet("incidents", new ReplicationSetArgs
        {
            Regions =
            {
                new ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = eastKey.Arn },
                new ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westKey.Arn },
            },
        }, new CustomResourceOptions { Provider = east });

        ReplicationSetArn = replicationSet.Arn;
    }

    [Output]
    public Output<string> ReplicationSetArn { get; set; }
}
