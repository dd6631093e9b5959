using Pulumi;
using Aws = Pulumi.Aws;

// No stack sets aws:region: the key lives in whichever region the stack deploys to.
return await Deployment.RunAsync(() =>
{
    var sharedKey = new Aws.Kms.Key("shared", new() { Description = "Incident Manager" });

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1", KmsKeyArn = sharedKey.Arn },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = sharedKey.Arn },
        },
    });
});
