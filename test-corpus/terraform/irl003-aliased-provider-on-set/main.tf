provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "oregon"
  region = "us-west-2"
}

resource "aws_ssmincidents_replication_set" "main" {
  provider = aws.oregon

  regions {
    name = "us-east-1"
  }

  regions {
    name = "eu-west-1"
  }
}
