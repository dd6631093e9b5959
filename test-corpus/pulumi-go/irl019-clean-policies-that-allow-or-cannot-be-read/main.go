package main

import (
	"encoding/json"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")

		eastPolicy, err := json.Marshal(map[string]interface{}{
			"Version": "2012-10-17",
			"Statement": []map[string]interface{}{
				{
					"Effect":    "Allow",
					"Principal": map[string]interface{}{"AWS": "arn:aws:iam::111122223333:root"},
					"Action":    "kms:*",
					"Resource":  "*",
				},
			},
		})
		if err != nil {
			return err
		}
		east, err := kms.NewKey(ctx, "incidents-east", &kms.KeyArgs{Policy: pulumi.String(string(eastPolicy))})
		if err != nil {
			return err
		}

		// The actions come from configuration: they may be anything.
		var keyActions []string
		cfg.RequireObject("keyActions", &keyActions)
		westPolicy, err := json.Marshal(map[string]interface{}{
			"Version": "2012-10-17",
			"Statement": []map[string]interface{}{
				{
					"Effect":    "Allow",
					"Principal": map[string]interface{}{"AWS": "arn:aws:iam::111122223333:root"},
					"Action":    keyActions,
					"Resource":  "*",
				},
			},
		})
		if err != nil {
			return err
		}
		west, err := kms.NewKey(ctx, "incidents-west", &kms.KeyArgs{Policy: pulumi.String(string(westPolicy))})
		if err != nil {
			return err
		}

		// Used by no replication set: its policy is not Incident Manager's business.
		_, err = kms.NewKey(ctx, "unrelated", &kms.KeyArgs{
			Policy: pulumi.String(`{"Version": "2012-10-17", "Statement": []}`),
		})
		if err != nil {
			return err
		}

		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1"), KmsKeyArn: east.Arn},
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-west-2"), KmsKeyArn: west.Arn},
			},
		})
		return err
	})
}
