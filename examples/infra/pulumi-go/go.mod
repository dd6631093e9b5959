module example.com/incidents

go 1.21

require (
	github.com/pulumi/pulumi-aws/sdk/v7 v7.0.0
	github.com/pulumi/pulumi/sdk/v3 v3.150.0
)
