using System.Collections.Generic;
using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var config = new Config();
    var west = new Aws.Provider("west", new() { Region = "us-west-2" });

    var eastKey = new Aws.Kms.Key("east", new()
    {
        CustomerMasterKeySpec = "SYMMETRIC_DEFAULT",
        KeyUsage = "ENCRYPT_DECRYPT",
        IsEnabled = true,
    });
    var westKey = new Aws.Kms.Key("west", new()
    {
        CustomKeyStoreId = config.Get("keyStoreId"),
    }, new CustomResourceOptions { Provider = west });

    // Neither of these encrypts a region.
    var macKey = new Aws.Kms.Key("mac", new() { KeySpec = "HMAC_512", KeyUsage = "GENERATE_VERIFY_MAC" });
    var retiredKey = new Aws.Kms.Key("retired", new() { IsEnabled = false });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = eastKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = westKey.Arn },
        },
    });

    return new Dictionary<string, object?>
    {
        ["unusedKeys"] = new[] { macKey.Arn, retiredKey.Arn },
    };
});
