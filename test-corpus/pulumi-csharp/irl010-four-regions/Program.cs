using Pulumi;
using Pulumi.Aws.SsmIncidents;
using Pulumi.Aws.SsmIncidents.Inputs;

return await Deployment.RunAsync(() =>
{
    var regions = new[]
    {
        new ReplicationSetRegionArgs { Name = "us-east-1" },
        new ReplicationSetRegionArgs { Name = "us-east-2" },
        new ReplicationSetRegionArgs { Name = "us-west-1" },
        new ReplicationSetRegionArgs { Name = "us-west-2" },
    };

    new ReplicationSet("incidents", new ReplicationSetArgs { Regions = regions });
});
