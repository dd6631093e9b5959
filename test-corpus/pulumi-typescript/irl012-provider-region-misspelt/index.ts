import * as aws from "@pulumi/aws";

const frankfurt = new aws.Provider("frankfurt", { region: 'eu-centrl-1' });

new aws.ssmincidents.ReplicationSet(
    "incidents",
    { regions: [{ name: "eu-central-1" }, { name: "eu-west-1" }] },
    { provider: frankfurt },
);
