resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name = "errors"
  threshold =
}
