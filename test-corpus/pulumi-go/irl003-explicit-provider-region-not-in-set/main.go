package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		ireland, err := aws.NewProvider(ctx, "ireland", &aws.ProviderArgs{
			Region: aws.RegionEUWest1,
		})
		if err != nil {
			return err
		}
		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: aws.RegionUSEast1},
				&ssmincidents.ReplicationSetRegionArgs{Name: aws.RegionUSWest2},
			},
		}, pulumi.Provider(ireland))
		return err
	})
}
