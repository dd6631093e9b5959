provider "aws" {
  region = "ap-southeast-2"
}

resource "aws_ssmincidents_replication_set" "main" {
  dynamic "regions" {
    for_each = [
      "ap-southeast-2",
    ]
    content {
      name = regions.value
    }
  }
}
