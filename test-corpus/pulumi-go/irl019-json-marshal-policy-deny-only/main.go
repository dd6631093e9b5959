package main

import (
	"encoding/json"

	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var denyOutsideAccount = map[string]interface{}{
	"Sid":       "DenyOutsideAccount",
	"Effect":    "Deny",
	"Principal": "*",
	"Action":    "kms:*",
	"Resource":  "*",
	"Condition": map[string]interface{}{
		"StringNotEquals": map[string]interface{}{
			"aws:PrincipalAccount": "111122223333",
		},
	},
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		tmpJSON0, err := json.Marshal(map[string]interface{}{
			"Version": "2012-10-17",
			"Statement": []interface{}{
				denyOutsideAccount,
				map[string]interface{}{
					"Effect": "Allow",
					"Principal": map[string]interface{}{
						"AWS": "arn:aws:iam::111122223333:role/application",
					},
					"Action":   []string{"kms:Encrypt", "kms:Decrypt"},
					"Resource": "*",
				},
			},
		})
		if err != nil {
			return err
		}
		json0 := string(tmpJSON0)
		key, err := kms.NewKey(ctx, "incidents", &kms.KeyArgs{
			Description: pulumi.String("Incident Manager"),
			Policy:      pulumi.String(json0),
		})
		if err != nil {
			return err
		}
		_, err = ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{
			Regions: ssmincidents.ReplicationSetRegionArray{
				&ssmincidents.ReplicationSetRegionArgs{Name: pulumi.String("us-east-1"), KmsKeyArn: key.Arn},
				&ssmincidents.ReplicationSetRegionArgs{
					Name:      pulumi.String("us-west-2"),
					KmsKeyArn: pulumi.String("arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
				},
			},
		})
		return err
	})
}
