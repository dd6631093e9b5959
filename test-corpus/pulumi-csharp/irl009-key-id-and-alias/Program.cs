using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });

    var eastKey = new Aws.Kms.Key("east", new() { Description = "Incident Manager, us-east-1" });
    var westKey = new Aws.Kms.Key("west", new()
    {
        Description = "Incident Manager, us-west-2",
    }, new CustomResourceOptions { Provider = west });
    var westAlias = new Aws.Kms.Alias("west", new()
    {
        Name = "alias/incidents-west",
        TargetKeyId = westKey.KeyId,
    }, new CustomResourceOptions { Provider = west });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = eastKey.KeyId },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westAlias.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = "eu-west-1",
                KmsKeyArn = "arn:aws:kms:eu-west-1:111122223333:alias/incidents",
            },
        },
    });
});
