package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		primary, err := ssmincidents.NewReplicationSet(ctx, "primary", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
			},
		})
		if err != nil {
			return err
		}
		secondary, err := ssmincidents.NewReplicationSet(ctx, "secondary", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-central-1")},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("primary", primary.Arn)
		ctx.Export("secondary", secondary.Arn)
		return nil
	})
}
