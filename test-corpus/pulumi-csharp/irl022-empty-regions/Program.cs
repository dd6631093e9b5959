using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions = { },
    });
});
