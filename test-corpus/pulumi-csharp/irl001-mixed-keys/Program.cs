using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var west = new Aws.Provider("west", new()
    {
        Region = "us-west-2",
    });

    var westKey = new Aws.Kms.Key("incidents-west", new(), new CustomResourceOptions
    {
        Provider = west,
    });

    var replicationSet = new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions = new[]
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = "us-west-2",
                KmsKeyArn = westKey.Arn,
            },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = "us-east-1",
            },
        },
    });
});
