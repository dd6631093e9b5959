package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const primary = "us-east-1"

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(primary)},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: aws.RegionUSEast1},
			},
		})
		return err
	})
}
