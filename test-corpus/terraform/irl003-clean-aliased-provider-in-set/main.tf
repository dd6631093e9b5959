provider "aws" {
  region = "eu-central-1"
}

# The provider's own acceptance tests name a second provider "awsalternate" rather than aliasing
# "aws"; a resource selects it the same way.
provider "awsalternate" {
  region = "us-east-1"
}

resource "aws_ssmincidents_replication_set" "main" {
  provider = awsalternate

  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
