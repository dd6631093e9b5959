provider "aws" {
  region = "us-east-1"
}

# irlint: ignore[IRL003] the provider's region may come from the broken file
resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1" # irlint: ignore[IRL004] a sandbox account
  }
}
