using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var ireland = new Aws.Provider("ireland", new()
    {
        Region = "eu-west-1",
    });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
    }, new CustomResourceOptions { Provider = ireland });
});
