package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var regions = ssmincidents.ReplicationSetRegionArray{
	&ssmincidents.ReplicationSetRegionArgs{Name: aws.RegionUSEast1},
	&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-2")},
	&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-1")},
	&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: regions,
		})
		return err
	})
}
