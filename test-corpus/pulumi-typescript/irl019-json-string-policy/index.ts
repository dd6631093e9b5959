import * as aws from "@pulumi/aws";

const policy = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
    "Action": ["kms:Describe*", "kms:Get*"],
    "Resource": "*"
  }]
}`;

const key = new aws.kms.Key("incidents", { policy });

new aws.ssmincidents.ReplicationSet("incidents", {
    regions: [
        { name: "us-east-1", kmsKeyArn: key.arn },
        { name: "us-west-2", kmsKeyArn: "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
    ],
});
