package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// Deployed by the default provider, whose region is the stack's aws:region.
		replicationSet, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("replicationSetArn", replicationSet.Arn)
		return nil
	})
}
