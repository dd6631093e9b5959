using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var frankfurt = new Aws.Provider("frankfurt", new() { Region = @"eu-centrl-1" });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-central-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-west-1" },
        },
    }, new() { Provider = frankfurt });
});
