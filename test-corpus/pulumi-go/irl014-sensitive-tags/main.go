package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const escalationPhone = "+47 998 87 766"

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
			},
			Tags: pulumi.StringMap{
				"owner":                   pulumi.String("jane.doe@example.com"),
				"escalation":              pulumi.String(escalationPhone),
				"ciAccessKey":             pulumi.String("AKIAIOSFODNN7EXAMPLE"),
				"webhookToken":            pulumi.String("q8Vz2LrT0wXe5NbKy7Hd4PcA"),
				"oncall-lead@example.com": pulumi.String("primary"),
			},
		})
		return err
	})
}
