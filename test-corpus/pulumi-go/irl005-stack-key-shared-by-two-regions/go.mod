module irl005-stack-key-shared-by-two-regions

go 1.22

require (
	github.com/pulumi/pulumi-aws/sdk/v7 v7.7.0
	github.com/pulumi/pulumi/sdk/v3 v3.190.0
)
