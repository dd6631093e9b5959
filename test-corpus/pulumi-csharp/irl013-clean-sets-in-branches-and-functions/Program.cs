using System.Collections.Generic;
using Pulumi;
using Pulumi.Aws.SsmIncidents;
using Pulumi.Aws.SsmIncidents.Inputs;

return await Deployment.RunAsync(() =>
{
    ReplicationSet replicationSet;
    if (Deployment.Instance.StackName == "europe")
    {
        replicationSet = EuropeanSet("incidents-europe");
    }
    else
    {
        replicationSet = new ReplicationSet("incidents", new ReplicationSetArgs
        {
            Regions =
            {
                new ReplicationSetRegionArgs { Name = "us-east-1" },
                new ReplicationSetRegionArgs { Name = "us-west-2" },
            },
        });
    }

    return new Dictionary<string, object?> { ["arn"] = replicationSet.Arn };
});

static ReplicationSet EuropeanSet(string name) => new ReplicationSet(name, new ReplicationSetArgs
{
    Regions =
    {
        new ReplicationSetRegionArgs { Name = "eu-west-1" },
        new ReplicationSetRegionArgs { Name = "eu-central-1" },
    },
});
