package main

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

var commonTags = pulumi.StringMap{
	"team":  pulumi.String("operations"),
	"owner": ,
}
