package main

// awsssmincidents.NewCfnReplicationSet(stack, jsii.String("ReplicationSet"), …)
func main() {}
