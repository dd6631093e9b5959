# The module only looks the replication set up (another stack manages it); no set is declared
# here, so nothing of the module is linted.
data "aws_ssmincidents_replication_set" "current" {}

output "replication_set_arn" {
  value = data.aws_ssmincidents_replication_set.current.arn
}
