using Pulumi;
using Aws = Pulumi.Aws;

const string CostCenter = "1234";

return await Deployment.RunAsync(() =>
{
    var config = new Config();

    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
        Tags =
        {
            { "team", "platform-reliability-engineering" },
            { "costCenter", CostCenter },
            { "version", "1.4.2" },
            { "created", "2024-01-15" },
            { "runbook", "arn:aws:ssm:us-east-1:123456789012:document/IncidentResponseRunbook2024" },
            { "requestId", "123e4567-e89b-12d3-a456-426614174000" },
            { "commit", "9fceb02d0ae598e95dc970b74767f19372d61af8" },
            { "component", "IncidentManagerReplicationSetPrimary" },
            { "owner", config.Require("owner") },
        },
    });
});
