COMMON = {
    "team": "operations",
    "owner": "incident-response"
"cost-center": "1234",
}
