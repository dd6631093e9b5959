using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });
    var ireland = new Aws.Provider("ireland", new() { Region = "eu-west-1" });

    var signingKey = new Aws.Kms.Key("signing", new()
    {
        Description = "Signs release artifacts",
        CustomerMasterKeySpec = "RSA_3072",
        KeyUsage = "SIGN_VERIFY",
    });
    var importedKey = new Aws.Kms.ExternalKey("imported", new()
    {
        Description = "Key material imported from the on-premises HSM",
    }, new CustomResourceOptions { Provider = west });
    var storeKey = new Aws.Kms.Key("in-key-store", new()
    {
        CustomKeyStoreId = "cks-1234567890abcdef0",
    }, new CustomResourceOptions { Provider = ireland });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = signingKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = importedKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "eu-west-1", KmsKeyArn = storeKey.Arn },
        },
    });
});
