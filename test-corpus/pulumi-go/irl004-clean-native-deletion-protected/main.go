package main

import (
	"github.com/pulumi/pulumi-aws-native/sdk/go/aws"
	"github.com/pulumi/pulumi-aws-native/sdk/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const protect = true

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetReplicationRegionArray{
				&ssmincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("us-east-1")},
			},
			DeletionProtected: pulumi.Bool(protect),
			Tags: aws.TagArray{
				&aws.TagArgs{Key: pulumi.String("team"), Value: pulumi.String("operations")},
			},
		})
		return err
	})
}
