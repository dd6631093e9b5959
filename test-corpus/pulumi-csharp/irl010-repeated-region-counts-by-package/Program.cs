using Pulumi;
using Aws = Pulumi.Aws;
using AwsNative = Pulumi.AwsNative;

return await Deployment.RunAsync(() =>
{
    // pulumi-aws follows Terraform's schema: one region per name, three in all.
    new Aws.SsmIncidents.ReplicationSet("classic", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-west-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
        },
    });

    // aws-native follows CloudFormation's: every entry is sent, four in all.
    new AwsNative.SsmIncidents.ReplicationSet("native", new()
    {
        DeletionProtected = true,
        Regions =
        {
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs { RegionName = "us-east-1" },
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs { RegionName = "us-west-2" },
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs { RegionName = "eu-west-1" },
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs { RegionName = "us-east-1" },
        },
    });
});
