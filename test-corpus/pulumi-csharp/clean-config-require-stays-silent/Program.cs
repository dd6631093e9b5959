using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });
    var westKey = new Aws.Kms.Key("incidents-west", new(), new() { Provider = west });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = config.Require("primaryRegion"),
                KmsKeyArn = config.Require("primaryKeyArn"),
            },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westKey.Arn },
        },
    });
});
