using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var key = new Aws.Kms.Key("east");
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { RegionName = "us-east-1", KmsKeyId = key.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
        Tag =
        {
            { "team", "operations" },
        },
    }, new CustomResourceOptions { Protect = true });
});
