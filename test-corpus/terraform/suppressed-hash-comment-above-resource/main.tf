provider "aws" {
  region = "us-east-1"
}

# A sandbox account whose replication set is rebuilt by the bootstrap pipeline.
# irlint: ignore[IRL004] sandbox account, recreated by the bootstrap pipeline
resource "aws_ssmincidents_replication_set" "sandbox" {
  regions {
    name = "us-east-1"
  }
}
