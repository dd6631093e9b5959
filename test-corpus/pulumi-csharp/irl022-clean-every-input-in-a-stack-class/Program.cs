using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync<IncidentsStack>();

class IncidentsStack : Stack
{
    public IncidentsStack()
    {
        var args = new Aws.SsmIncidents.ReplicationSetArgs
        {
            Regions =
            {
                new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-east-1" },
                new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = "us-west-2", KmsKeyArn = null },
            },
            Tags =
            {
                { "team", "operations" },
                { "cost-centre", "42" },
            },
        };
        new Aws.SsmIncidents.ReplicationSet("incidents", args, new CustomResourceOptions { Protect = true });
    }
}
