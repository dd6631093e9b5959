data "aws_ssmincidents_replication_set" "current" {}
