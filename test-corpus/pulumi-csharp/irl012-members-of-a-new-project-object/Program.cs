using Pulumi;
using Aws = Pulumi.Aws;

return await Deployment.RunAsync(() =>
{
    new Aws.SsmIncidents.ReplicationSet("incidents", new()
    {
        Regions =
        {
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = new Settings().Primary },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = new Settings().Standby },
            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs { Name = new Settings().Archive },
        },
    });
});

class Settings
{
    public string Primary => "eu-centrl-1";
    public string Standby { get; } = "eu-wset-1";
    public readonly string Archive = "us-esat-1";
}
