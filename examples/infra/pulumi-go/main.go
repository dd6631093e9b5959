package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		west, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		eastKey, err := kms.NewKey(ctx, "incidents-east", &kms.KeyArgs{
			Description: pulumi.String("Incident Manager data, us-east-1"),
		})
		if err != nil {
			return err
		}
		westKey, err := kms.NewKey(ctx, "incidents-west", &kms.KeyArgs{
			Description: pulumi.String("Incident Manager data, us-west-2"),
		}, pulumi.Provider(west))
		if err != nil {
			return err
		}
		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1"), KmsKeyArn: eastKey.Arn},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2"), KmsKeyArn: westKey.Arn},
			},
		})
		return err
	})
}
