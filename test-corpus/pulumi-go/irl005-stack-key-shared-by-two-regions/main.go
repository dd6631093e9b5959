package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// No stack sets aws:region: the key lives in whichever region the stack deploys to.
func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		sharedKey, err := kms.NewKey(ctx, "shared", &kms.KeyArgs{
			Description: pulumi.String("Incident Manager"),
		})
		if err != nil {
			return err
		}
		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1"), KmsKeyArn: sharedKey.Arn},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2"), KmsKeyArn: sharedKey.Arn},
			},
		})
		return err
	})
}
