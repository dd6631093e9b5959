package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{
					Name:      pulumi.String("us-east-1"),
					KmsKeyArn: pulumi.String(config.Require(ctx, "primaryKeyArn")),
				},
				&ssmincidents.ReplicationSetRegionArgs{
					Name:      pulumi.String("us-west-2"),
					KmsKeyArn: pulumi.StringPtr(config.Get(ctx, "standbyKeyArn")),
				},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1")},
			},
		})
		return err
	})
}
