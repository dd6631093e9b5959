provider "aws" {
  region = "us-east-1"
}

# irlint: ignore[IRL004]
resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1" // irlint: ignore[IRL001, IRL999] the keys are all AWS-owned
  }

  # irlint: ignore IRL003 without brackets
  # irlint: ignore[unused-suppression] the rules about suppressions cannot be suppressed
  # irlint: ignore[IRL016] deleting the set is planned (a change rule: it runs only with --base)
  tags = {
    team = "sre"
  }
}
