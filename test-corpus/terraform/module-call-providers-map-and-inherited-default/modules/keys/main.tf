# A key in the region of the provider the caller passes.
resource "aws_kms_key" "this" {
  description = "Incident Manager"
}

output "arn" {
  value = aws_kms_key.this.arn
}
