variable "spec" {
  type    = string
  default = "SYMMETRIC_DEFAULT"
}

variable "enabled" {
  type    = bool
  default = true
}

resource "aws_kms_key" "this" {
  description              = "Incident Manager"
  customer_master_key_spec = var.spec
  is_enabled               = var.enabled
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "IncidentManager"
      Effect    = "Allow"
      Principal = { Service = "ssm-incidents.amazonaws.com" }
      Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
      Resource  = "*"
    }]
  })
}

output "arn" {
  value = aws_kms_key.this.arn
}

output "id" {
  value = aws_kms_key.this.key_id
}
