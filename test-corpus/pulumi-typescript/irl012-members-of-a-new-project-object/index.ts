import * as aws from "@pulumi/aws";

class Settings {
    primary = "eu-centrl-1";
    standby: string;

    constructor() {
        this.standby = "eu-wset-1";
    }

    get archive() {
        return "us-esat-1";
    }
}

const settings = new Settings();

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: new Settings().primary },
        { name: settings.standby },
        { name: new Settings().archive },
    ],
});
