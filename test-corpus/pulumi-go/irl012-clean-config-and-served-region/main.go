package main

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: aws.RegionUSEast1},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(cfg.Require("standbyRegion"))},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String(fmt.Sprintf("eu-north-%d", 1))},
			},
		})
		return err
	})
}
