provider "aws" {
  region = var.region
}

variable "region" {
  type        = string
  description = "Chosen at plan time; irlint cannot know it."
}

resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }

  regions {
    name = "us-west-2"
  }
}
