using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("primary", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
    });

    new Aws.SsmIncidents.ReplicationSet("secondary", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-west-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-central-1" },
        },
    });
});
