using Pulumi;
using Aws = Pulumi.Aws;

const bool KeyEnabled = false;

return await Deployment.RunAsync(() =>
{
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });

    var eastKey = new Aws.Kms.Key("east", new()
    {
        Description = "Incident Manager, us-east-1",
        IsEnabled = KeyEnabled,
    });
    var westKey = new Aws.Kms.Key("west", new()
    {
        Description = "Incident Manager, us-west-2",
    }, new CustomResourceOptions { Provider = west });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = eastKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westKey.Arn },
        },
    });
});
