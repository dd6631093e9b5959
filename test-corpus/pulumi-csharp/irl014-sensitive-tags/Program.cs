using Pulumi;
using Aws = Pulumi.Aws;

const string EscalationPhone = "+47 998 87 766";

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2" },
        },
        Tags =
        {
            ["owner"] = "jane.doe@example.com",
            ["escalation"] = EscalationPhone,
            ["ciAccessKey"] = "AKIAIOSFODNN7EXAMPLE",
            ["webhookToken"] = "q8Vz2LrT0wXe5NbKy7Hd4PcA",
            ["oncall-lead@example.com"] = "primary",
        },
    });
});
