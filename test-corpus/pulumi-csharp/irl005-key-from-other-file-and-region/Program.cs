using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    var incidentsKey = IncidentKeys.Create();

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = "us-east-1",
                KmsKeyArn = incidentsKey.Arn,
            },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs
            {
                Name = IncidentKeys.Region,
                KmsKeyArn = incidentsKey.Arn,
            },
        },
    });
});
