import * as aws from "@pulumi/aws";

const ireland = new aws.Provider("ireland", { region: aws.Region.EUWest1 });

new aws.ssmincidents.ReplicationSet(
    "incidents",
    { regions: [{ name: aws.Region.USEast1 }, { name: aws.Region.USWest2 }] },
    { provider: ireland },
);
