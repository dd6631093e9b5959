package main

import (
	"github.com/pulumi/pulumi-aws-native/sdk/go/aws"
	"github.com/pulumi/pulumi-aws-native/sdk/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetReplicationRegionArray{
				&ssmincidents.ReplicationSetReplicationRegionArgs{
					RegionConfiguration: &ssmincidents.ReplicationSetRegionConfigurationArgs{
						SseKmsKeyId: pulumi.String("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
					},
				},
			},
			DeletionProtected: pulumi.String("yes please"),
			Tags: aws.TagArray{
				&aws.TagArgs{Key: pulumi.String("team")},
			},
		})
		return err
	})
}
