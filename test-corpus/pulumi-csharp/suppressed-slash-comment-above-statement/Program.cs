using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    // irlint: ignore[IRL004] a sandbox stack, recreated by the bootstrap pipeline
    var replicationSet = new Aws.SsmIncidents.ReplicationSet(
        "incidents",
        new()
        {
            Regions = { new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" } },
        });
});
