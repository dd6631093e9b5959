using Pulumi;
using Aws = Pulumi.Aws;

const string Policy = """
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
        "Action": ["kms:Describe*", "kms:Get*"],
        "Resource": "*"
      }]
    }
    """;

return await Deployment.RunAsync(() =>
{
    var key = new Aws.Kms.Key("incidents", new() { Policy = Policy });

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
