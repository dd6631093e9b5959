package main

import (
	"github.com/pulumi/pulumi-aws-native/sdk/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetReplicationRegionArray{
				&ssmincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("us-west-2")},
			},
			DeletionProtected: pulumi.Bool(true),
		})
		return err
	})
}
