variable "team" {
  type    = string
  default = "sre"
}

variable "unit" {
  type    = string
  default =
}
