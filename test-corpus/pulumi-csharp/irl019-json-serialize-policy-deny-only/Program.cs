using System.Collections.Generic;
using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var denyOutsideAccount = new Dictionary<string, object?>
    {
        ["Sid"] = "DenyOutsideAccount",
        ["Effect"] = "Deny",
        ["Principal"] = "*",
        ["Action"] = "kms:*",
        ["Resource"] = "*",
        ["Condition"] = new Dictionary<string, object?>
        {
            ["StringNotEquals"] = new Dictionary<string, object?>
            {
                ["aws:PrincipalAccount"] = "111122223333",
            },
        },
    };

    var key = new Aws.Kms.Key("incidents", new()
    {
        Description = "Incident Manager",
        Policy = Output.JsonSerialize(Output.Create(new Dictionary<string, object?>
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new[]
            {
                denyOutsideAccount,
                new Dictionary<string, object?>
                {
                    ["Effect"] = "Allow",
                    ["Principal"] = new Dictionary<string, object?>
                    {
                        ["AWS"] = "arn:aws:iam::111122223333:role/application",
                    },
                    ["Action"] = new[] { "kms:Encrypt", "kms:Decrypt" },
                    ["Resource"] = "*",
                },
            },
        })),
    });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = key.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = "us-west-2",
                KmsKeyArn = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            },
        },
    });
});
