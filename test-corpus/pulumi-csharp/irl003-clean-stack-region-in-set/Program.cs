using Pulumi;
using Pulumi.Aws.SsmIncidents;
using Pulumi.Aws.SsmIncidents.Inputs;

var regions = new[] { "us-east-1", "us-west-2" };

return await Deployment.RunAsync(() =>
{
    new ReplicationSet("incidents", new ReplicationSetArgs
    {
        Regions =
        {
            new ReplicationSetRegionArgs { Name = regions[0] },
            new ReplicationSetRegionArgs { Name = regions[1] },
        },
    });
});
