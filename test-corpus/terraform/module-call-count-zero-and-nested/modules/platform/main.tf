variable "incident_regions" {
  type = list(string)
}

variable "with_incident_manager" {
  type    = bool
  default = true
}

module "incident_manager" {
  source  = "../incident-manager"
  count   = var.with_incident_manager ? 1 : 0
  regions = var.incident_regions
}
