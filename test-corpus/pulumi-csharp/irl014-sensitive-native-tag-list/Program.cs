using Pulumi;
using AwsNative = Pulumi.AwsNative;

return await Deployment.RunAsync(() =>
{
    new AwsNative.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs { RegionName = "us-east-1" },
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs { RegionName = "us-west-2" },
        },
        DeletionProtected = true,
        Tags =
        {
            new AwsNative.Inputs.TagArgs { Key = "owner", Value = "jane.doe@example.com" },
            new AwsNative.Inputs.TagArgs { Key = "escalation", Value = "555.123.4567" },
        },
    });
});
