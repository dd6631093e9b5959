using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var replicationSet = new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions = new[]
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = "us-west-2",
            },
        },
        Tags =
        {
            { "team", "operations" },
        },
    });
});
