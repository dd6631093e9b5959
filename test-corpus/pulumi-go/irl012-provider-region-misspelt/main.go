package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		frankfurt, err := aws.NewProvider(ctx, "frankfurt", &aws.ProviderArgs{Region: pulumi.String(`eu-centrl-1`)})
		if err != nil {
			return err
		}
		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-central-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("eu-west-1")},
			},
		}, pulumi.Provider(frankfurt))
		return err
	})
}
