# Values for this deployment.
region = "eu-central-1"
