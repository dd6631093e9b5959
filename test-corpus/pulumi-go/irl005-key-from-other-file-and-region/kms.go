package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const westRegion = "us-west-2"

// newIncidentsKey creates the replication set's key in Oregon.
func newIncidentsKey(ctx *pulumi.Context) (*kms.Key, error) {
	oregon, err := aws.NewProvider(ctx, "oregon", &aws.ProviderArgs{
		Region: pulumi.String(westRegion),
	})
	if err != nil {
		return nil, err
	}
	return kms.NewKey(ctx, "incidents", &kms.KeyArgs{
		Description: pulumi.String("Incident Manager"),
	}, pulumi.Provider(oregon))
}
