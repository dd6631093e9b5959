package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		west, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		eastKey, err := kms.NewKey(ctx, "east", &kms.KeyArgs{
			CustomerMasterKeySpec: pulumi.String("SYMMETRIC_DEFAULT"),
			KeyUsage:              pulumi.String("ENCRYPT_DECRYPT"),
			IsEnabled:             pulumi.Bool(true),
		})
		if err != nil {
			return err
		}
		westKey, err := kms.NewKey(ctx, "west", &kms.KeyArgs{
			CustomKeyStoreId: pulumi.StringPtr(cfg.Get("keyStoreId")),
		}, pulumi.Provider(west))
		if err != nil {
			return err
		}

		// Neither of these encrypts a region.
		macKey, err := kms.NewKey(ctx, "mac", &kms.KeyArgs{
			CustomerMasterKeySpec: pulumi.String("HMAC_512"),
			KeyUsage:              pulumi.String("GENERATE_VERIFY_MAC"),
		})
		if err != nil {
			return err
		}
		retiredKey, err := kms.NewKey(ctx, "retired", &kms.KeyArgs{IsEnabled: pulumi.Bool(false)})
		if err != nil {
			return err
		}

		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1"), KmsKeyArn: eastKey.Arn},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2"), KmsKeyArn: westKey.Arn},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("unusedKeys", pulumi.StringArray{macKey.Arn, retiredKey.Arn})
		return nil
	})
}
