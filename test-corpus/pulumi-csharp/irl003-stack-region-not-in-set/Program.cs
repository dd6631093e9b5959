using System.Collections.Generic;
using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    // Deployed by the default provider, whose region is the stack's aws:region.
    var replicationSet = new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions = new[]
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
    });

    return new Dictionary<string, object?>
    {
        ["replicationSetArn"] = replicationSet.Arn,
    };
});
