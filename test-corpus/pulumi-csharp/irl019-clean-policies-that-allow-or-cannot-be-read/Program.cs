using System.Text.Json;
using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var config = new Config();

    var east = new Aws.Kms.Key("incidents-east", new()
    {
        Policy = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Effect = "Allow",
                    Principal = new { AWS = "arn:aws:iam::111122223333:root" },
                    Action = "kms:*",
                    Resource = "*",
                },
            },
        }),
    });

    // The actions come from configuration: they may be anything.
    var west = new Aws.Kms.Key("incidents-west", new()
    {
        Policy = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = new[]
            {
                new
                {
                    Effect = "Allow",
                    Principal = new { AWS = "arn:aws:iam::111122223333:root" },
                    Action = config.RequireObject<string[]>("keyActions"),
                    Resource = "*",
                },
            },
        }),
    });

    // Used by no replication set: its policy is not Incident Manager's business.
    new Aws.Kms.Key("unrelated", new()
    {
        Policy = """{"Version": "2012-10-17", "Statement": []}""",
    });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = east.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = west.Arn },
        },
    });
});
