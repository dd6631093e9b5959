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
		ireland, err := aws.NewProvider(ctx, "ireland", &aws.ProviderArgs{Region: pulumi.String("eu-west-1")})
		if err != nil {
			return err
		}
		signingKey, err := kms.NewKey(ctx, "signing", &kms.KeyArgs{
			Description:           pulumi.String("Signs release artifacts"),
			CustomerMasterKeySpec: pulumi.String("RSA_3072"),
			KeyUsage:              pulumi.String("SIGN_VERIFY"),
		})
		if err != nil {
			return err
		}
		importedKey, err := kms.NewExternalKey(ctx, "imported", &kms.ExternalKeyArgs{
			Description: pulumi.String("Key material imported from the on-premises HSM"),
		}, pulumi.Provider(west))
		if err != nil {
			return err
		}
		storeKey, err := kms.NewKey(ctx, "in-key-store", &kms.KeyArgs{
			CustomKeyStoreId: pulumi.String("cks-1234567890abcdef0"),
		}, pulumi.Provider(ireland))
		if err != nil {
			return err
		}
		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1"), KmsKeyArn: signingKey.Arn},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2"), KmsKeyArn: importedKey.Arn},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1"), KmsKeyArn: storeKey.Arn},
			},
		})
		return err
	})
}
