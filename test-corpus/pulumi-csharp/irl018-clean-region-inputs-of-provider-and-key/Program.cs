using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });
    // pulumi-aws v7 lets a resource choose its region: this `Region` is a string, not the set's.
    var eastKey = new Aws.Kms.Key("incidents-east", new() { Region = "us-east-1" });
    var westKey = new Aws.Kms.Key("incidents-west", null, new CustomResourceOptions { Provider = west });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = eastKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westKey.Arn },
        },
    }, new CustomResourceOptions { Provider = west });
});
