package main

import (
	nativeincidents "github.com/pulumi/pulumi-aws-native/sdk/go/aws/ssmincidents"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// pulumi-aws follows Terraform's schema: one region per name, three in all.
		_, err := ssmincidents.NewReplicationSet(ctx, "classic", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
			},
		})
		if err != nil {
			return err
		}

		// aws-native follows CloudFormation's: every entry is sent, four in all.
		_, err = nativeincidents.NewReplicationSet(ctx, "native", &nativeincidents.ReplicationSetArgs{
			DeletionProtected: pulumi.Bool(true),
			Regions: nativeincidents.ReplicationSetReplicationRegionArray{
				&nativeincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("us-east-1")},
				&nativeincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("us-west-2")},
				&nativeincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("eu-west-1")},
				&nativeincidents.ReplicationSetReplicationRegionArgs{RegionName: pulumi.String("us-east-1")},
			},
		})
		return err
	})
}
