package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

const costCenter = "1234"

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		_, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1")},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2")},
			},
			Tags: pulumi.StringMap{
				"team":       pulumi.String("platform-reliability-engineering"),
				"costCenter": pulumi.String(costCenter),
				"version":    pulumi.String("1.4.2"),
				"created":    pulumi.String("2024-01-15"),
				"runbook":    pulumi.String("arn:aws:ssm:us-east-1:123456789012:document/IncidentResponseRunbook2024"),
				"requestId":  pulumi.String("123e4567-e89b-12d3-a456-426614174000"),
				"commit":     pulumi.String("9fceb02d0ae598e95dc970b74767f19372d61af8"),
				"component":  pulumi.String("IncidentManagerReplicationSetPrimary"),
				"owner":      pulumi.String(cfg.Require("owner")),
			},
		})
		return err
	})
}
