import * as aws from "@pulumi/aws";

const denyOutsideAccount = {
    Sid: "DenyOutsideAccount",
    Effect: "Deny",
    Principal: "*",
    Action: "kms:*",
    Resource: "*",
    Condition: { StringNotEquals: { "aws:PrincipalAccount": "111122223333" } },
};

const key = new aws.kms.Key("incidents", {
    description: "Incident Manager",
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            denyOutsideAccount,
            {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::111122223333:role/application" },
                Action: ["kms:Encrypt", "kms:Decrypt"],
                Resource: "*",
            },
        ],
    }),
});

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: key.arn },
        { name: "us-west-2", kmsKeyArn: "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    ],
});
