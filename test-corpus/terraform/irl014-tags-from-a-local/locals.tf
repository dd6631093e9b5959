locals {
  common_tags = {
    team       = "incident-response"
    escalation = "jane.doe@example.com"
  }
}
