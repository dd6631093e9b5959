using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });

    var eastKey = new Aws.Kms.Key("incidents-east", new()
    {
        Description = "Incident Manager data, us-east-1",
    });
    var westKey = new Aws.Kms.Key("incidents-west", new()
    {
        Description = "Incident Manager data, us-west-2",
    }, new CustomResourceOptions { Provider = west });

    var replicationSet = new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions = new[]
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = eastKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westKey.Arn },
        },
    });
});
