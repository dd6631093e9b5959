using Pulumi;
using Pulumi.AwsNative.Inputs;
using Pulumi.AwsNative.SsmIncidents;
using Pulumi.AwsNative.SsmIncidents.Inputs;

const bool Protect = true;

return await Deployment.RunAsync(() =>
{
    new ReplicationSet("incidents", new ReplicationSetArgs
    {
        Regions = { new ReplicationSetReplicationRegionArgs { RegionName = "us-east-1" } },
        DeletionProtected = Protect,
        Tags = { new TagArgs { Key = "team", Value = "operations" } },
    });
});
