package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func europeanSet(ctx *pulumi.Context, name string) (*ssmincidents.ReplicationSet, error) {
	return ssmincidents.NewReplicationSet(ctx, name, &ssmincidents.ReplicationSetArgs{
		Regions: ssmincidents.ReplicationSetRegionArray{
			&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1")},
			&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-central-1")},
		},
	})
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		var replicationSet *ssmincidents.ReplicationSet
		var err error
		if ctx.Stack() == "europe" {
			replicationSet, err = europeanSet(ctx, "incidents-europe")
		} else {
			replicationSet, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
				Regions: ssmincidents.ReplicationSetRegionArray{
					&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
					&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
				},
			})
		}
		if err != nil {
			return err
		}
		ctx.Export("arn", replicationSet.Arn)
		return nil
	})
}
