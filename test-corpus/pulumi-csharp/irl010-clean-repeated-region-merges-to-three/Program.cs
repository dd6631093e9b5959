using Pulumi;
using Aws = Pulumi.Aws;

const string Primary = "us-east-1";

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = Primary },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-west-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
        },
    });
});
