using Pulumi;
using AwsNative = Pulumi.AwsNative;

return await Deployment.RunAsync(() =>
{
    new AwsNative.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new AwsNative.SsmIncidents.Inputs.ReplicationSetReplicationRegionArgs
            {
                RegionName = "us-east-1",
                RegionConfiguration = new AwsNative.SsmIncidents.Inputs.ReplicationSetRegionConfigurationArgs
                {
                    KmsKeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                },
            },
        },
        DeletionProtected = "yes please",
        Tags =
        {
            new AwsNative.Inputs.TagArgs { Key = "team" },
        },
    });
});
