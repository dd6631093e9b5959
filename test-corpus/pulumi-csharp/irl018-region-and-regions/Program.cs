using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-west-1" },
        },
        Region =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
    });
});
