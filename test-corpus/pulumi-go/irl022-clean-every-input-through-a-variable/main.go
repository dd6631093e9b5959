package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		args := &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2"), KmsKeyArn: nil},
			},
			Tags: pulumi.StringMap{
				"team":        pulumi.String("operations"),
				"cost-centre": pulumi.String("42"),
			},
		}
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", args, pulumi.Protect(true))
		return err
	})
}
