using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-central-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = Regions.Standby },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "il-central-1" },
        },
    });
});

static class Regions
{
    public const string Standby = "eu-wset-1";
}
