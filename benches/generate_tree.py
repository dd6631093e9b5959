#!/usr/bin/env python3
"""Writes a large, realistic tree for timing irlint and the tools it is compared with.

usage: generate_tree.py OUT_DIR [--files N] [--kind mixed|cloudformation] [--seed S]
       generate_tree.py OUT_DIR --module-calls N

`mixed` (the default) is a monorepo: CloudFormation templates (YAML with short tags, JSON),
Terraform modules (main, variables, outputs, versions), TypeScript and Python services, Kubernetes
manifests, CI workflows and compose files, Pulumi projects in YAML, TypeScript, Python, Go (with
go.mod), C# (with a .csproj) and Java (Maven, with pom.xml), AWS CDK apps in TypeScript and Python
(a stack class instantiated for two environments); with one replication set unit for every 67
files (300 in 20,000), spread evenly over the eleven formats (CloudFormation YAML and JSON,
Terraform, Pulumi YAML, TypeScript, Python, Go, C# and Java, and CDK TypeScript and Python).

Half the Terraform replication sets sit in a module that a live root calls (with a keys module
called once per region, through a providers map); a third of those calls are to a registry
module installed under `.terraform/modules` (with its `modules.json`), and a quarter of the live
roots have their plan beside them (`plan.json`). Some unrelated roots call local modules too.

`--module-calls N` writes one root calling one child module N times, for the time of a large
configuration.

`cloudformation` is templates only (a third of them JSON), one in twenty holding a replication set.

Sizes follow a long tail: most templates have a handful of resources, a few have a hundred. The
tree depends only on the arguments (a seeded generator), so every run measures the same files.
"""
import argparse
import json
import os
import random
import re

REGIONS = [
    "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2",
    "ap-northeast-1", "ca-central-1",
]
WORDS = [
    "orders", "payments", "billing", "catalog", "search", "inventory", "shipping", "users",
    "sessions", "audit", "reports", "ledger", "alerts", "pricing", "media", "profile", "checkout",
    "events", "metrics", "gateway", "identity", "notifications", "exports", "imports", "jobs",
]
RELEVANT_SHARE = {"mixed": 0.015, "cloudformation": 0.05}


def word(rng):
    return rng.choice(WORDS)


def camel(*parts):
    return "".join(part[:1].upper() + part[1:] for part in parts)


def long_tail(rng, median, low, high):
    """A count with the given median and a long upper tail, clipped to [low, high]."""
    return max(low, min(high, int(rng.lognormvariate(0, 0.8) * median)))


# ---------------------------------------------------------------------------------------------
# CloudFormation: templates are Python values; `Fn` stands for an intrinsic function, written as
# a short tag in YAML (`!Ref X`) and in the long form in JSON (`{"Ref": "X"}`).


class Fn:
    def __init__(self, name, value):
        self.name = name
        self.value = value


def ref(name):
    return Fn("Ref", name)


def get_att(resource, attribute):
    return Fn("GetAtt", [resource, attribute])


def sub(text):
    return Fn("Sub", text)


def fn_if(condition, then, otherwise):
    return Fn("If", [condition, then, otherwise])


def to_json_value(value):
    if isinstance(value, Fn):
        key = "Ref" if value.name == "Ref" else f"Fn::{value.name}"
        return {key: to_json_value(value.value)}
    if isinstance(value, dict):
        return {key: to_json_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_json_value(item) for item in value]
    return value


PLAIN = re.compile(r"^[A-Za-z_/][A-Za-z0-9_./:@-]*$")
RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def yaml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if value is None:
        return "null"
    if PLAIN.match(value) and value.lower() not in RESERVED:
        return value
    return json.dumps(value)


def yaml_inline(value):
    """A value on one line: scalars, intrinsics, and flow collections of them."""
    if isinstance(value, Fn):
        if value.name == "GetAtt" and all(isinstance(part, str) for part in value.value):
            return f"!GetAtt {'.'.join(value.value)}"
        return f"!{value.name} {yaml_inline(value.value)}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_inline(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {yaml_inline(item)}" for key, item in value.items()) + "}"
    return yaml_scalar(value)


def yaml_block(value, indent):
    """Lines of a mapping or sequence at `indent` spaces."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str) and "\n" in item:
                lines.append(f"{pad}{key}: |")
                lines.extend(f"{pad}  {line}" if line else "" for line in item.rstrip("\n").split("\n"))
            elif isinstance(item, (dict, list)) and item and not is_flat(item):
                lines.append(f"{pad}{key}:")
                lines.extend(yaml_block(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {yaml_inline(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                inner = yaml_block(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            elif isinstance(item, list) and item and not is_flat(item):
                lines.append(f"{pad}-")
                lines.extend(yaml_block(item, indent + 2))
            else:
                lines.append(f"{pad}- {yaml_inline(item)}")
    return lines


def is_flat(value):
    """Whether a collection is short and shallow enough to be written inline."""
    items = value.values() if isinstance(value, dict) else value
    return len(items) <= 3 and all(
        not isinstance(item, (dict, list)) and not (isinstance(item, str) and "\n" in item)
        for item in items
    )


def template_yaml(template):
    return "\n".join(yaml_block(template, 0)) + "\n"


def template_json(template):
    return json.dumps(to_json_value(template), indent=2) + "\n"


def tags(rng, name):
    return [
        {"Key": "Name", "Value": sub(f"${{AWS::StackName}}-{name}")},
        {"Key": "team", "Value": f"team-{rng.randint(1, 40)}"},
        {"Key": "cost-center", "Value": str(rng.randint(1000, 9999))},
    ]


def bucket(rng, name, _names):
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "BucketName": sub(f"${{AWS::StackName}}-{name.lower()}-${{AWS::AccountId}}"),
            "VersioningConfiguration": {"Status": "Enabled"},
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "LifecycleConfiguration": {
                "Rules": [
                    {"Id": "expire-old", "Status": "Enabled", "ExpirationInDays": rng.choice([30, 90, 365])}
                ]
            },
            "Tags": tags(rng, name),
        },
    }


def queue(rng, name, _names):
    return {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "QueueName": sub(f"${{AWS::StackName}}-{name.lower()}"),
            "VisibilityTimeout": rng.choice([30, 60, 300]),
            "MessageRetentionPeriod": 1209600,
            "KmsMasterKeyId": "alias/aws/sqs",
        },
    }


def topic(rng, name, _names):
    return {
        "Type": "AWS::SNS::Topic",
        "Properties": {
            "TopicName": sub(f"${{AWS::StackName}}-{name.lower()}"),
            "KmsMasterKeyId": "alias/aws/sns",
            "Tags": tags(rng, name),
        },
    }


def role(rng, name, _names):
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": ["lambda.amazonaws.com"]},
                        "Action": ["sts:AssumeRole"],
                    }
                ],
            },
            "ManagedPolicyArns": [
                "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
            ],
            "Policies": [
                {
                    "PolicyName": f"{name}-access",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": ["sqs:SendMessage", "sqs:ReceiveMessage", "s3:GetObject"],
                                "Resource": sub(f"arn:${{AWS::Partition}}:s3:::${{AWS::StackName}}-{rng.randint(1, 99)}/*"),
                            }
                        ],
                    },
                }
            ],
        },
    }


def function(rng, name, names):
    handler = "\n".join(
        [
            "import json",
            "import os",
            "",
            "",
            "def handler(event, context):",
            "    records = event.get('Records', [])",
            "    for record in records:",
            "        print(json.dumps({'table': os.environ['TABLE'], 'id': record.get('messageId')}))",
            "    return {'statusCode': 200, 'body': json.dumps({'processed': len(records)})}",
        ]
    )
    roles = [other for other, kind in names if kind == "role"]
    role_arn = get_att(roles[0], "Arn") if roles else sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:role/lambda")
    return {
        "Type": "AWS::Lambda::Function",
        "Properties": {
            "FunctionName": sub(f"${{AWS::StackName}}-{name.lower()}"),
            "Runtime": "python3.12",
            "Handler": "index.handler",
            "Timeout": rng.choice([10, 30, 60]),
            "MemorySize": rng.choice([128, 256, 512]),
            "Role": role_arn,
            "Code": {"ZipFile": handler + "\n"},
            "Environment": {"Variables": {"TABLE": f"{name.lower()}-table", "STAGE": ref("Environment")}},
            "Tags": tags(rng, name),
        },
    }


def table(rng, name, _names):
    return {
        "Type": "AWS::DynamoDB::Table",
        "Properties": {
            "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "S"},
            ],
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": fn_if("IsProduction", True, False)},
            "SSESpecification": {"SSEEnabled": True},
            "Tags": tags(rng, name),
        },
    }


def log_group(rng, name, _names):
    return {
        "Type": "AWS::Logs::LogGroup",
        "Properties": {
            "LogGroupName": sub(f"/aws/${{AWS::StackName}}/{name.lower()}"),
            "RetentionInDays": rng.choice([7, 30, 90, 365]),
        },
    }


def alarm(rng, name, names):
    queues = [other for other, kind in names if kind == "queue"]
    dimensions = [{"Name": "QueueName", "Value": get_att(queues[0], "QueueName")}] if queues else []
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "AlarmDescription": f"Backlog of {name} is growing",
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": dimensions,
            "Statistic": "Maximum",
            "Period": 300,
            "EvaluationPeriods": rng.choice([1, 2, 3]),
            "Threshold": rng.choice([100, 500, 1000]),
            "ComparisonOperator": "GreaterThanThreshold",
            "TreatMissingData": "notBreaching",
        },
    }


def security_group(rng, name, _names):
    return {
        "Type": "AWS::EC2::SecurityGroup",
        "Properties": {
            "GroupDescription": f"{name} service",
            "VpcId": ref("VpcId"),
            "SecurityGroupIngress": [
                {"IpProtocol": "tcp", "FromPort": port, "ToPort": port, "CidrIp": "10.0.0.0/8"}
                for port in rng.sample([80, 443, 5432, 6379, 8080, 9090], rng.randint(1, 3))
            ],
            "Tags": tags(rng, name),
        },
    }


def kms_key(rng, name, _names):
    return {
        "Type": "AWS::KMS::Key",
        "Properties": {
            "Description": f"Key of {name}",
            "EnableKeyRotation": True,
            "KeyPolicy": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "AccountAdmin",
                        "Effect": "Allow",
                        "Principal": {"AWS": sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ],
            },
        },
    }


RESOURCE_KINDS = {
    "bucket": bucket,
    "queue": queue,
    "topic": topic,
    "role": role,
    "function": function,
    "table": table,
    "log": log_group,
    "alarm": alarm,
    "sg": security_group,
    "key": kms_key,
}


def base_template(rng, resource_count):
    names = []
    for index in range(resource_count):
        kind = rng.choice(list(RESOURCE_KINDS))
        names.append((f"{camel(word(rng), kind)}{index}", kind))
    resources = {name: RESOURCE_KINDS[kind](rng, name, names) for name, kind in names}
    outputs = {
        f"{name}Arn": {"Value": get_att(name, "Arn"), "Export": {"Name": sub(f"${{AWS::StackName}}-{name}")}}
        for name, kind in names[: rng.randint(1, 4)]
        if kind in ("queue", "role", "function", "table", "key")
    }
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": f"{camel(word(rng))} service resources",
        "Parameters": {
            "Environment": {"Type": "String", "AllowedValues": ["dev", "staging", "prod"], "Default": "dev"},
            "VpcId": {"Type": "AWS::EC2::VPC::Id", "Description": "The VPC of the service"},
        },
        "Conditions": {"IsProduction": {"Fn::Equals": [ref("Environment"), "prod"]}},
        "Resources": resources,
    }
    if outputs:
        template["Outputs"] = outputs
    return template


def unrelated_template(rng):
    return base_template(rng, long_tail(rng, 8, 1, 150))


def replication_set_template(rng):
    template = base_template(rng, long_tail(rng, 4, 1, 40))
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    template["Resources"]["IncidentsKey"] = kms_key(rng, "incidents", [])
    entries = []
    for index, region in enumerate(regions):
        entry = {"RegionName": ref("AWS::Region") if index == 0 else region}
        if index == 0 or rng.random() < 0.5:
            key = get_att("IncidentsKey", "Arn") if index == 0 else (
                f"arn:aws:kms:{region}:111122223333:key/{rng.randrange(16**8):08x}-0000-4000-8000-000000000000"
            )
            entry["RegionConfiguration"] = {"SseKmsKeyId": key}
        entries.append(entry)
    template["Resources"]["ReplicationSet"] = {
        "Type": "AWS::SSMIncidents::ReplicationSet",
        "Properties": {
            "DeletionProtected": rng.choice([True, False]),
            "Regions": entries,
            "Tags": [{"Key": "team", "Value": "incident-response"}],
        },
    }
    return template


# ---------------------------------------------------------------------------------------------
# Terraform


def tf_resource(rng, index):
    name = f"{word(rng)}_{index}"
    kind = rng.choice(["bucket", "role", "lambda", "sg", "queue", "table"])
    if kind == "bucket":
        return (
            f'resource "aws_s3_bucket" "{name}" {{\n'
            f'  bucket = "${{var.prefix}}-{name}"\n'
            "  tags   = local.tags\n}\n\n"
            f'resource "aws_s3_bucket_versioning" "{name}" {{\n'
            f"  bucket = aws_s3_bucket.{name}.id\n"
            "  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n"
        )
    if kind == "role":
        return (
            f'resource "aws_iam_role" "{name}" {{\n'
            f'  name = "${{var.prefix}}-{name}"\n'
            "  assume_role_policy = jsonencode({\n"
            '    Version = "2012-10-17"\n'
            "    Statement = [{\n"
            '      Effect    = "Allow"\n'
            '      Principal = { Service = "lambda.amazonaws.com" }\n'
            '      Action    = "sts:AssumeRole"\n'
            "    }]\n  })\n  tags = local.tags\n}\n"
        )
    if kind == "lambda":
        return (
            f'resource "aws_lambda_function" "{name}" {{\n'
            f'  function_name = "${{var.prefix}}-{name}"\n'
            '  runtime       = "nodejs20.x"\n'
            '  handler       = "index.handler"\n'
            f"  memory_size   = {rng.choice([128, 256, 512])}\n"
            '  filename      = "${path.module}/dist/handler.zip"\n'
            "  role          = var.lambda_role_arn\n"
            "  environment {\n    variables = {\n"
            "      STAGE = var.environment\n"
            f'      TABLE = "{name}"\n'
            "    }\n  }\n  tags = local.tags\n}\n"
        )
    if kind == "sg":
        ingress = "".join(
            "  ingress {\n"
            f"    from_port   = {port}\n    to_port     = {port}\n"
            '    protocol    = "tcp"\n    cidr_blocks = var.allowed_cidrs\n  }\n'
            for port in rng.sample([80, 443, 5432, 6379, 8080], rng.randint(1, 3))
        )
        return (
            f'resource "aws_security_group" "{name}" {{\n'
            f'  name   = "${{var.prefix}}-{name}"\n'
            "  vpc_id = var.vpc_id\n"
            f"{ingress}"
            "  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = \"-1\"\n"
            '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
        )
    if kind == "queue":
        return (
            f'resource "aws_sqs_queue" "{name}" {{\n'
            f'  name                       = "${{var.prefix}}-{name}"\n'
            f"  visibility_timeout_seconds = {rng.choice([30, 60, 300])}\n"
            "  sqs_managed_sse_enabled    = true\n"
            "  redrive_policy = jsonencode({\n"
            f"    deadLetterTargetArn = aws_sqs_queue.{name}_dlq.arn\n"
            "    maxReceiveCount     = 5\n  })\n}\n\n"
            f'resource "aws_sqs_queue" "{name}_dlq" {{\n'
            f'  name = "${{var.prefix}}-{name}-dlq"\n}}\n'
        )
    return (
        f'resource "aws_dynamodb_table" "{name}" {{\n'
        f'  name         = "${{var.prefix}}-{name}"\n'
        '  billing_mode = "PAY_PER_REQUEST"\n'
        '  hash_key     = "pk"\n'
        '  range_key    = "sk"\n'
        '  attribute {\n    name = "pk"\n    type = "S"\n  }\n'
        '  attribute {\n    name = "sk"\n    type = "S"\n  }\n'
        "  point_in_time_recovery {\n    enabled = var.environment == \"prod\"\n  }\n"
        "  tags = local.tags\n}\n"
    )


def tf_variables(rng):
    variables = [
        ("prefix", "string", None, "Prefix of every resource name"),
        ("environment", "string", '"dev"', "Deployment stage"),
        ("vpc_id", "string", None, "The VPC of the service"),
        ("allowed_cidrs", "list(string)", '["10.0.0.0/8"]', "Networks allowed in"),
        ("lambda_role_arn", "string", '""', "Execution role of the functions"),
    ]
    variables += [
        (f"{word(rng)}_{index}", rng.choice(["number", "bool", "string"]), None, "Tuning knob")
        for index in range(rng.randint(0, 10))
    ]
    return "\n".join(
        f'variable "{name}" {{\n  description = "{doc}"\n  type        = {kind}\n'
        + (f"  default     = {default}\n" if default else "")
        + "}\n"
        for name, kind, default, doc in variables
    )


def tf_versions(provider_version="~> 5.0"):
    return (
        "terraform {\n"
        '  required_version = ">= 1.5"\n'
        "  required_providers {\n"
        f'    aws = {{\n      source  = "hashicorp/aws"\n      version = "{provider_version}"\n    }}\n'
        "  }\n}\n"
    )


def unrelated_terraform_module(rng):
    count = long_tail(rng, 6, 1, 60)
    main = (
        "locals {\n  tags = {\n    service     = var.prefix\n    environment = var.environment\n  }\n}\n\n"
        + "\n".join(tf_resource(rng, index) for index in range(count))
    )
    files = {"main.tf": main, "variables.tf": tf_variables(rng), "versions.tf": tf_versions()}
    if rng.random() < 0.7:
        files["outputs.tf"] = 'output "prefix" {\n  value = var.prefix\n}\n'
    if rng.random() < 0.2:
        files["terraform.tfvars"] = f'prefix      = "{word(rng)}"\nenvironment = "dev"\nvpc_id      = "vpc-0123"\n'
    return files


def replication_set_terraform_module(rng):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    providers = f'provider "aws" {{\n  region = "{regions[0]}"\n}}\n'
    keys = 'resource "aws_kms_key" "incidents" {\n  description         = "Incident Manager"\n  enable_key_rotation = true\n}\n'
    blocks = '  regions {\n    name        = "' + regions[0] + '"\n    kms_key_arn = aws_kms_key.incidents.arn\n  }\n'
    for index, region in enumerate(regions[1:], start=1):
        alias = region.replace("-", "_")
        providers += f'\nprovider "aws" {{\n  alias  = "{alias}"\n  region = "{region}"\n}}\n'
        key_owner = rng.choice([alias, alias, None])
        keys += (
            f'\nresource "aws_kms_key" "incidents_{alias}" {{\n'
            f"  provider            = aws.{key_owner or alias}\n"
            "  enable_key_rotation = true\n}\n"
        )
        key = f"aws_kms_key.incidents_{alias}.arn" if key_owner else "aws_kms_key.incidents.arn"
        blocks += f'  regions {{\n    name        = "{region}"\n    kms_key_arn = {key}\n  }}\n'
    main = (
        "locals {\n  tags = {\n    service     = var.prefix\n    environment = var.environment\n  }\n}\n\n"
        'resource "aws_ssmincidents_replication_set" "this" {\n'
        f"{blocks}"
        "  tags = local.tags\n}\n\n"
        + "\n".join(tf_resource(rng, index) for index in range(long_tail(rng, 3, 0, 20)))
    )
    return {
        "providers.tf": providers,
        "kms.tf": keys,
        "main.tf": main,
        "variables.tf": tf_variables(rng),
        "versions.tf": tf_versions("~> 6.0"),
        "outputs.tf": 'output "replication_set_arn" {\n  value = aws_ssmincidents_replication_set.this.arn\n}\n',
    }


INCIDENT_MANAGER_CHILD = {
    "main.tf": (
        'resource "aws_ssmincidents_replication_set" "this" {\n'
        '  dynamic "regions" {\n'
        "    for_each = var.regions\n"
        "    content {\n"
        "      name        = regions.key\n"
        "      kms_key_arn = regions.value\n"
        "    }\n"
        "  }\n"
        "  tags = var.tags\n"
        "}\n"
    ),
    "variables.tf": (
        'variable "regions" {\n  description = "Key ARN by region"\n  type        = map(string)\n}\n\n'
        'variable "tags" {\n  type    = map(string)\n  default = {}\n}\n'
    ),
    "outputs.tf": 'output "arn" {\n  value = aws_ssmincidents_replication_set.this.arn\n}\n',
    "versions.tf": tf_versions("~> 6.0"),
}


def keys_child():
    return {
        "main.tf": 'resource "aws_kms_key" "this" {\n  description         = var.description\n  enable_key_rotation = true\n}\n',
        "variables.tf": 'variable "description" {\n  type = string\n}\n',
        "outputs.tf": 'output "arn" {\n  value = aws_kms_key.this.arn\n}\n',
    }


def module_call_layout(rng, registry):
    """A live root that keeps the set in a module: a local child (with a keys module for the key
    of each region), or a registry module that `terraform init` installed."""
    regions = rng.sample(REGIONS, rng.choice([2, 2, 3]))
    providers = f'provider "aws" {{\n  region = "{regions[0]}"\n}}\n'
    calls = ""
    entries = []
    for region in regions:
        alias = region.replace("-", "_")
        if region != regions[0]:
            providers += f'\nprovider "aws" {{\n  alias  = "{alias}"\n  region = "{region}"\n}}\n'
        provider = "aws" if region == regions[0] else f"aws.{alias}"
        calls += (
            f'\nmodule "key_{alias}" {{\n  source      = "../modules/keys"\n'
            f'  description = "Incident Manager in {region}"\n'
            f"  providers = {{\n    aws = {provider}\n  }}\n}}\n"
        )
        entries.append(f'    "{region}" = module.key_{alias}.arn')
    source = '"example-org/incident-manager/aws"\n  version = "~> 2.0"' if registry else '"../modules/incident-manager"'
    calls += (
        f'\nmodule "incident_manager" {{\n  source = {source}\n  regions = {{\n'
        + "\n".join(entries)
        + "\n  }\n  tags = {\n    team = \"" + word(rng) + "\"\n  }\n}\n"
    )
    files = {"live/providers.tf": providers, "live/main.tf": calls, "live/versions.tf": tf_versions("~> 6.0")}
    files.update({f"modules/keys/{name}": text for name, text in keys_child().items()})
    if registry:
        installed = ".terraform/modules/incident_manager"
        files["live/.terraform/modules/modules.json"] = json.dumps({"Modules": [
            {"Key": "", "Source": "", "Dir": "."},
            {"Key": "incident_manager", "Source": "registry.terraform.io/example-org/incident-manager/aws",
             "Version": "2.3.0", "Dir": installed},
        ]})
        files.update({f"live/{installed}/{name}": text for name, text in INCIDENT_MANAGER_CHILD.items()})
    else:
        files.update({f"modules/incident-manager/{name}": text for name, text in INCIDENT_MANAGER_CHILD.items()})
    return files


def terraform_with_calls(rng):
    """An unrelated root calling local modules: the prefilter follows its sources and reads the
    children, and parses none of them."""
    files = prefixed("modules/network", unrelated_terraform_module(rng))
    root = unrelated_terraform_module(rng)
    root["main.tf"] += '\nmodule "network" {\n  source = "../modules/network"\n  prefix = var.prefix\n}\n'
    files.update(prefixed("live", root))
    return files


def many_calls_root(calls):
    """One root calling the same child `calls` times, each with its own regions."""
    text = 'provider "aws" {\n  region = "us-east-1"\n}\n'
    for index in range(calls):
        second = REGIONS[1 + index % (len(REGIONS) - 1)]
        text += (
            f'\nmodule "incident_manager_{index}" {{\n  source  = "./modules/incident-manager"\n'
            f'  regions = {{\n    "us-east-1" = null\n    "{second}" = null\n  }}\n}}\n'
        )
    files = {"main.tf": text}
    files.update({f"modules/incident-manager/{name}": t for name, t in INCIDENT_MANAGER_CHILD.items()})
    return files


# ---------------------------------------------------------------------------------------------
# Program sources (TypeScript, Python) and other YAML


def typescript_module(rng, imports):
    name = camel(word(rng), word(rng))
    lines = [f'import {{ {other} }} from "./{other.lower()}";' for other in imports]
    lines += [
        'import { Logger } from "@acme/logging";',
        "",
        f"export interface {name}Record {{",
        "  id: string;",
        "  createdAt: Date;",
        "  amount: number;",
        "  tags: Record<string, string>;",
        "}",
        "",
        f"export class {name}Service {{",
        "  private readonly cache = new Map<string, unknown>();",
        "",
        "  constructor(private readonly logger: Logger, private readonly tableName: string) {}",
        "",
    ]
    for index in range(long_tail(rng, 6, 1, 60)):
        method = f"{word(rng)}{index}"
        lines += [
            f"  async {method}(input: {name}Record, limit = {rng.randint(1, 100)}): Promise<{name}Record[]> {{",
            f'    this.logger.info("{method}", {{ id: input.id, table: this.tableName }});',
            "    const results: " + name + "Record[] = [];",
            "    for (let page = 0; page < limit; page++) {",
            "      const cached = this.cache.get(`${input.id}:${page}`);",
            "      if (cached === undefined) {",
            "        break;",
            "      }",
            "      results.push({ ...input, amount: input.amount + page });",
            "    }",
            "    return results.filter((record) => record.amount > 0);",
            "  }",
            "",
        ]
    lines.append("}")
    return name, "\n".join(lines) + "\n"


def python_module(rng):
    name = word(rng)
    lines = [
        f'"""Handlers of the {name} service."""',
        "import dataclasses",
        "import json",
        "import logging",
        "from typing import Iterable",
        "",
        "LOGGER = logging.getLogger(__name__)",
        "",
        "",
        "@dataclasses.dataclass",
        f"class {camel(name)}Record:",
        "    identifier: str",
        "    amount: int",
        "    tags: dict",
        "",
    ]
    for index in range(long_tail(rng, 6, 1, 60)):
        function = f"{word(rng)}_{index}"
        lines += [
            "",
            f"def {function}(records: Iterable[{camel(name)}Record], limit: int = {rng.randint(1, 100)}) -> list:",
            f'    """Returns the records of {function} above the threshold."""',
            "    selected = []",
            "    for record in records:",
            "        if record.amount > limit:",
            f'            LOGGER.info("{function} %s", record.identifier)',
            "            selected.append(json.dumps(dataclasses.asdict(record)))",
            "    return selected",
            "",
        ]
    return "\n".join(lines) + "\n"


def kubernetes_manifest(rng):
    name = f"{word(rng)}-{rng.randint(1, 999)}"
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
        f"  name: {name}\n  labels:\n    app: {name}\n"
        f"spec:\n  replicas: {rng.randint(1, 6)}\n  selector:\n    matchLabels:\n      app: {name}\n"
        f"  template:\n    metadata:\n      labels:\n        app: {name}\n    spec:\n      containers:\n"
        f"        - name: {name}\n          image: registry.example/{name}:{rng.randint(1, 400)}\n"
        "          ports:\n            - containerPort: 8080\n"
        "          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n"
        "          env:\n"
        + "".join(
            f"            - name: {word(rng).upper()}_{index}\n              value: \"{rng.randint(0, 9999)}\"\n"
            for index in range(rng.randint(1, 12))
        )
        + "---\napiVersion: v1\nkind: Service\nmetadata:\n"
        f"  name: {name}\nspec:\n  selector:\n    app: {name}\n  ports:\n    - port: 80\n      targetPort: 8080\n"
    )


def workflow(rng):
    steps = "".join(
        f"      - name: {word(rng)} step {index}\n        run: make {word(rng)}\n"
        for index in range(rng.randint(2, 10))
    )
    return (
        f"name: {word(rng)}\non:\n  push:\n    branches: [main]\n  pull_request:\n"
        "jobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        f"{steps}"
    )


def compose(rng):
    services = "".join(
        f"  {word(rng)}{index}:\n    image: registry.example/{word(rng)}:{rng.randint(1, 50)}\n"
        f"    ports:\n      - \"{8000 + index}:8080\"\n    environment:\n      STAGE: dev\n"
        for index in range(rng.randint(1, 6))
    )
    return f"services:\n{services}"


def package_json(name):
    return json.dumps(
        {
            "name": name,
            "version": "1.0.0",
            "private": True,
            "scripts": {"build": "tsc", "test": "jest"},
            "dependencies": {"@acme/logging": "^2.1.0"},
            "devDependencies": {"typescript": "^5.4.0", "jest": "^29.7.0"},
        },
        indent=2,
    ) + "\n"


TSCONFIG = json.dumps(
    {"compilerOptions": {"target": "ES2022", "module": "commonjs", "strict": True, "outDir": "dist"}},
    indent=2,
) + "\n"


# ---------------------------------------------------------------------------------------------
# Pulumi projects


def stacks(rng, regions):
    return {
        f"Pulumi.{stack}.yaml": f"config:\n  aws:region: {region}\n"
        for stack, region in zip(["dev", "prod"], regions)
    }


def pulumi_yaml_project(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    resources = "".join(
        f"  bucket{index}:\n    type: aws:s3:BucketV2\n    properties:\n      tags:\n        team: {word(rng)}\n"
        for index in range(long_tail(rng, 3, 1, 30))
    )
    if relevant:
        entries = "".join(
            f"        - name: {region}\n" + ("          kmsKeyArn: ${incidentsKey.arn}\n" if index == 0 else "")
            for index, region in enumerate(regions)
        )
        resources += (
            "  incidentsKey:\n    type: aws:kms:Key\n    properties:\n      enableKeyRotation: true\n"
            "  replicationSet:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n"
            f"      regions:\n{entries}"
        )
    files = {"Pulumi.yaml": f"name: {word(rng)}-infra\nruntime: yaml\nresources:\n{resources}"}
    files.update(stacks(rng, rng.sample(REGIONS, 2) if not relevant else [regions[0], rng.choice(REGIONS)]))
    return files


def pulumi_typescript_project(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    name = f"{word(rng)}-infra"
    index = ['import * as aws from "@pulumi/aws";', ""]
    index += [
        f'export const bucket{i} = new aws.s3.BucketV2("bucket{i}", {{ tags: {{ team: "{word(rng)}" }} }});'
        for i in range(long_tail(rng, 3, 1, 30))
    ]
    files = {
        "Pulumi.yaml": f"name: {name}\nruntime: nodejs\ndescription: {word(rng)} resources\n",
        "package.json": package_json(name),
        "tsconfig.json": TSCONFIG,
    }
    if relevant:
        index.insert(1, 'import { keys } from "./kms";')
        entries = ",\n".join(
            f'        {{ name: "{region}", kmsKeyArn: keys["{region}"].arn }}' for region in regions
        )
        index += [
            "",
            'export const replicationSet = new aws.ssmincidents.ReplicationSet("incidents", {',
            f"    regions: [\n{entries},\n    ],",
            "});",
        ]
        kms = ['import * as aws from "@pulumi/aws";', "", "export const keys: Record<string, aws.kms.Key> = {};"]
        for region in regions:
            provider_region = region if rng.random() < 0.8 else rng.choice(REGIONS)
            kms += [
                f'keys["{region}"] = new aws.kms.Key("incidents-{region}", {{ enableKeyRotation: true }}, {{',
                f'    provider: new aws.Provider("{region}", {{ region: "{provider_region}" }}),',
                "});",
            ]
        files["kms.ts"] = "\n".join(kms) + "\n"
    files["index.ts"] = "\n".join(index) + "\n"
    files.update(stacks(rng, [regions[0], rng.choice(REGIONS)]))
    return files


def pulumi_python_project(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    main = ['"""The infrastructure of the service."""', "import pulumi_aws as aws", ""]
    main += [
        f'bucket{i} = aws.s3.BucketV2("bucket{i}", tags={{"team": "{word(rng)}"}})'
        for i in range(long_tail(rng, 3, 1, 30))
    ]
    files = {"Pulumi.yaml": f"name: {word(rng)}-infra\nruntime: python\ndescription: {word(rng)} resources\n"}
    if relevant:
        main.insert(2, "import keys")
        entries = "".join(
            f'        {{"name": "{region}", "kms_key_arn": keys.by_region["{region}"].arn}},\n'
            for region in regions
        )
        main += ["", 'aws.ssmincidents.ReplicationSet(', '    "replication-set",', f"    regions=[\n{entries}    ],", ")"]
        key_lines = ['"""The keys of the replication set."""', "import pulumi", "import pulumi_aws as aws", "", "by_region = {}"]
        for region in regions:
            variable = region.replace("-", "_")
            key_lines += [
                f'{variable} = aws.Provider("{region}", region="{region}")',
                f'by_region["{region}"] = aws.kms.Key(',
                f'    "incidents-{region}",',
                f"    opts=pulumi.ResourceOptions(provider={variable}),",
                ")",
            ]
        files["keys.py"] = "\n".join(key_lines) + "\n"
    files["__main__.py"] = "\n".join(main) + "\n"
    files.update(stacks(rng, [regions[0], rng.choice(REGIONS)]))
    return files


GO_AWS = "github.com/pulumi/pulumi-aws/sdk/v7/go/aws"
GO_PULUMI = "github.com/pulumi/pulumi/sdk/v3/go/pulumi"


def go_mod(module):
    return (
        f"module {module}\n\ngo 1.22\n\nrequire (\n"
        "\tgithub.com/pulumi/pulumi-aws/sdk/v7 v7.7.0\n"
        "\tgithub.com/pulumi/pulumi/sdk/v3 v3.190.0\n)\n"
    )


def go_imports(packages):
    return "import (\n" + "".join(f'\t"{package}"\n' for package in packages) + ")\n"


def go_identifier(region):
    """us-east-1 -> usEast1"""
    first, *rest = region.split("-")
    return first + camel(*rest)


def pulumi_go_project(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    name = f"{word(rng)}-infra"
    body = []
    for i in range(long_tail(rng, 3, 1, 30)):
        body += [
            f'\t\tbucket{i}, err := s3.NewBucketV2(ctx, "bucket{i}", &s3.BucketV2Args{{',
            f'\t\t\tTags: pulumi.StringMap{{"team": pulumi.String("{word(rng)}")}},',
            "\t\t})",
            "\t\tif err != nil {",
            "\t\t\treturn err",
            "\t\t}",
            f'\t\tctx.Export("bucket{i}", bucket{i}.Bucket)',
        ]
    packages = [f"{GO_AWS}/s3", GO_PULUMI]
    files = {
        "Pulumi.yaml": f"name: {name}\nruntime: go\ndescription: {word(rng)} resources\n",
        "go.mod": go_mod(f"github.com/acme/{name}"),
    }
    if relevant:
        packages.insert(1, f"{GO_AWS}/ssmincidents")
        entries = "".join(
            "\t\t\t\t&ssmincidents.ReplicationSetRegionArgs{\n"
            f'\t\t\t\t\tName:      pulumi.String("{region}"),\n'
            f'\t\t\t\t\tKmsKeyArn: keys["{region}"].Arn,\n'
            "\t\t\t\t},\n"
            for region in regions
        )
        body += [
            "\t\tkeys, err := incidentKeys(ctx)",
            "\t\tif err != nil {",
            "\t\t\treturn err",
            "\t\t}",
            '\t\treplicationSet, err := ssmincidents.NewReplicationSet(ctx, "incidents", &ssmincidents.ReplicationSetArgs{',
            f"\t\t\tRegions: ssmincidents.ReplicationSetRegionArray{{\n{entries}\t\t\t}},",
            "\t\t})",
            "\t\tif err != nil {",
            "\t\t\treturn err",
            "\t\t}",
            '\t\tctx.Export("replicationSet", replicationSet.Arn)',
        ]
        kms = [
            "package main",
            "",
            go_imports([GO_AWS, f"{GO_AWS}/kms", GO_PULUMI]),
            "// incidentKeys creates the replication set's key in each of its regions.",
            "func incidentKeys(ctx *pulumi.Context) (map[string]*kms.Key, error) {",
        ]
        width = max(len(region) for region in regions) + 3
        returned = []
        for region in regions:
            provider_region = region if rng.random() < 0.8 else rng.choice(REGIONS)
            variable = go_identifier(region)
            kms += [
                f'\t{variable}, err := aws.NewProvider(ctx, "{region}", &aws.ProviderArgs{{Region: pulumi.String("{provider_region}")}})',
                "\tif err != nil {",
                "\t\treturn nil, err",
                "\t}",
                f'\t{variable}Key, err := kms.NewKey(ctx, "incidents-{region}", &kms.KeyArgs{{',
                "\t\tEnableKeyRotation: pulumi.Bool(true),",
                f"\t}}, pulumi.Provider({variable}))",
                "\tif err != nil {",
                "\t\treturn nil, err",
                "\t}",
            ]
            returned.append(f'\t\t{(chr(34) + region + chr(34) + ":").ljust(width)} {variable}Key,')
        kms += ["\treturn map[string]*kms.Key{"] + returned + ["\t}, nil", "}"]
        files["kms.go"] = "\n".join(kms) + "\n"
    main = ["package main", "", go_imports(packages), "func main() {", "\tpulumi.Run(func(ctx *pulumi.Context) error {"]
    main += body + ["\t\treturn nil", "\t})", "}"]
    files["main.go"] = "\n".join(main) + "\n"
    files.update(stacks(rng, [regions[0], rng.choice(REGIONS)]))
    return files


def csproj():
    return (
        '<Project Sdk="Microsoft.NET.Sdk">\n\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n'
        "    <TargetFramework>net8.0</TargetFramework>\n    <Nullable>enable</Nullable>\n"
        "  </PropertyGroup>\n\n  <ItemGroup>\n"
        '    <PackageReference Include="Pulumi" Version="3.*" />\n'
        '    <PackageReference Include="Pulumi.Aws" Version="7.*" />\n'
        "  </ItemGroup>\n\n</Project>\n"
    )


def pulumi_csharp_project(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    name = f"{word(rng)}-infra"
    program = ["using System.Collections.Generic;", "using Pulumi;", "using Aws = Pulumi.Aws;", "",
               "return await Deployment.RunAsync(() =>", "{"]
    outputs = []
    for i in range(long_tail(rng, 3, 1, 30)):
        program += [
            f'    var bucket{i} = new Aws.S3.BucketV2("bucket{i}", new()',
            "    {",
            f'        Tags = {{ {{ "team", "{word(rng)}" }} }},',
            "    });",
        ]
        outputs.append(f'        ["bucket{i}"] = bucket{i}.Bucket,')
    files = {
        "Pulumi.yaml": f"name: {name}\nruntime: dotnet\ndescription: {word(rng)} resources\n",
        f"{camel(*name.split('-'))}.csproj": csproj(),
    }
    if relevant:
        entries = "".join(
            "            new Aws.SsmIncidents.Inputs.ReplicationSetRegionArgs\n            {\n"
            f'                Name = "{region}",\n'
            f'                KmsKeyArn = keys["{region}"].Arn,\n'
            "            },\n"
            for region in regions
        )
        program += [
            "",
            "    var keys = IncidentKeys.Create();",
            '    var replicationSet = new Aws.SsmIncidents.ReplicationSet("incidents", new()',
            "    {",
            f"        Regions =\n        {{\n{entries}        }},",
            "    });",
        ]
        outputs.append('        ["replicationSet"] = replicationSet.Arn,')
        keys = [
            "using System.Collections.Generic;",
            "using Pulumi;",
            "using Pulumi.Aws;",
            "using Pulumi.Aws.Kms;",
            "",
            "/// <summary>The replication set's keys, one in each of its regions.</summary>",
            "static class IncidentKeys",
            "{",
            "    public static Dictionary<string, Key> Create()",
            "    {",
        ]
        returned = []
        for region in regions:
            provider_region = region if rng.random() < 0.8 else rng.choice(REGIONS)
            variable = go_identifier(region)
            keys += [
                f'        var {variable} = new Provider("{region}", new ProviderArgs {{ Region = "{provider_region}" }});',
                f'        var {variable}Key = new Key("incidents-{region}", new KeyArgs {{ EnableKeyRotation = true }},',
                f"            new CustomResourceOptions {{ Provider = {variable} }});",
            ]
            returned.append(f'            ["{region}"] = {variable}Key,')
        keys += ["        return new Dictionary<string, Key>", "        {"] + returned + ["        };", "    }", "}"]
        files["IncidentKeys.cs"] = "\n".join(keys) + "\n"
    program += ["", "    return new Dictionary<string, object?>", "    {"] + outputs + ["    };", "});"]
    files["Program.cs"] = "\n".join(program) + "\n"
    files.update(stacks(rng, [regions[0], rng.choice(REGIONS)]))
    return files


def pom_xml(artifact, package):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 http://maven.apache.org/xsd/maven-4.0.0.xsd">
    <modelVersion>4.0.0</modelVersion>

    <groupId>com.acme</groupId>
    <artifactId>{artifact}</artifactId>
    <version>1.0-SNAPSHOT</version>

    <properties>
        <encoding>UTF-8</encoding>
        <maven.compiler.release>17</maven.compiler.release>
        <mainClass>{package}.App</mainClass>
    </properties>

    <dependencies>
        <dependency>
            <groupId>com.pulumi</groupId>
            <artifactId>pulumi</artifactId>
            <version>(,1.0]</version>
        </dependency>
        <dependency>
            <groupId>com.pulumi</groupId>
            <artifactId>aws</artifactId>
            <version>7.7.0</version>
        </dependency>
    </dependencies>
</project>
"""


def pulumi_java_project(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    name = f"{word(rng)}-infra"
    package = name.replace("-", "")
    imports = [
        "com.pulumi.Context",
        "com.pulumi.Pulumi",
        "com.pulumi.aws.s3.BucketV2",
        "com.pulumi.aws.s3.BucketV2Args",
        "java.util.Map",
    ]
    body = []
    for i in range(long_tail(rng, 3, 1, 30)):
        body += [
            f'        var bucket{i} = new BucketV2("bucket{i}", BucketV2Args.builder()',
            f'            .tags(Map.of("team", "{word(rng)}"))',
            "            .build());",
            f'        ctx.export("bucket{i}", bucket{i}.bucket());',
        ]
    files = {
        "Pulumi.yaml": f"name: {name}\nruntime: java\ndescription: {word(rng)} resources\n",
        "pom.xml": pom_xml(name, package),
    }
    if relevant:
        # The keys are made where the set is, as Java programs mostly do (a map of keys built
        # elsewhere, `keys.get(region)`, is not followed).
        imports = sorted(imports + [
            "com.pulumi.aws.Provider",
            "com.pulumi.aws.ProviderArgs",
            "com.pulumi.aws.kms.Key",
            "com.pulumi.aws.kms.KeyArgs",
            "com.pulumi.aws.ssmincidents.ReplicationSet",
            "com.pulumi.aws.ssmincidents.ReplicationSetArgs",
            "com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs",
            "com.pulumi.resources.CustomResourceOptions",
        ])
        body.append("")
        for region in regions:
            provider_region = region if rng.random() < 0.8 else rng.choice(REGIONS)
            variable = go_identifier(region)
            body += [
                f'        var {variable} = new Provider("{region}", ProviderArgs.builder().region("{provider_region}").build());',
                f'        var {variable}Key = new Key("incidents-{region}",',
                "            KeyArgs.builder().enableKeyRotation(true).build(),",
                f"            CustomResourceOptions.builder().provider({variable}).build());",
            ]
        entries = ",\n".join(
            "                ReplicationSetRegionArgs.builder()\n"
            f'                    .name("{region}")\n'
            f"                    .kmsKeyArn({go_identifier(region)}Key.arn())\n"
            "                    .build()"
            for region in regions
        )
        body += [
            '        var replicationSet = new ReplicationSet("incidents", ReplicationSetArgs.builder()',
            f"            .regions(\n{entries})",
            "            .build());",
            '        ctx.export("replicationSet", replicationSet.arn());',
        ]
    app = [f"package {package};", ""] + [f"import {name};" for name in imports] + [
        "",
        "public class App {",
        "    public static void main(String[] args) {",
        "        Pulumi.run(App::stack);",
        "    }",
        "",
        "    public static void stack(Context ctx) {",
    ] + body + ["    }", "}"]
    files[f"src/main/java/{package}/App.java"] = "\n".join(app) + "\n"
    files.update(stacks(rng, [regions[0], rng.choice(REGIONS)]))
    return files


# ---------------------------------------------------------------------------------------------
# Components: each writes the files of one part of a repository and returns their relative paths.


# ---------------------------------------------------------------------------------------------
# AWS CDK apps: one stack class instantiated per environment, its regions passed in its props.


def cdk_json(app):
    return json.dumps({"app": app, "context": {"@aws-cdk/core:newStyleStackSynthesis": True}}, indent=2) + "\n"


def cdk_typescript_app(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    name = f"{word(rng)}-infra"
    stack = [
        'import * as cdk from "aws-cdk-lib";',
        'import { Construct } from "constructs";',
        'import * as s3 from "aws-cdk-lib/aws-s3";',
    ]
    if relevant:
        stack += ['import * as kms from "aws-cdk-lib/aws-kms";', 'import * as ssmincidents from "aws-cdk-lib/aws-ssmincidents";']
    stack += [
        "",
        "export interface ServiceStackProps extends cdk.StackProps {",
        "  readonly regions: string[];",
        "}",
        "",
        "export class ServiceStack extends cdk.Stack {",
        "  constructor(scope: Construct, id: string, props: ServiceStackProps) {",
        "    super(scope, id, props);",
    ]
    stack += [
        f'    new s3.Bucket(this, "Bucket{i}", {{ versioned: true, encryption: s3.BucketEncryption.S3_MANAGED }});'
        for i in range(long_tail(rng, 3, 1, 30))
    ]
    if relevant:
        stack += [
            '    const key = new kms.Key(this, "IncidentsKey", { enableKeyRotation: true });',
            '    new ssmincidents.CfnReplicationSet(this, "ReplicationSet", {',
            "      regions: props.regions.map((regionName) => ({",
            "        regionName,",
            "        regionConfiguration: { sseKmsKeyId: key.keyArn },",
            "      })),",
            "      deletionProtected: true,",
            "    });",
        ]
    stack += ["  }", "}"]
    quoted = ", ".join(f'"{region}"' for region in regions)
    app = ['import * as cdk from "aws-cdk-lib";', 'import { ServiceStack } from "../lib/service-stack";', "", "const app = new cdk.App();"]
    for stage, region in zip(["Dev", "Prod"], [regions[0], rng.choice(REGIONS)]):
        app.append(f'new ServiceStack(app, "{stage}", {{ env: {{ region: "{region}" }}, regions: [{quoted}] }});')
    return {
        "cdk.json": cdk_json("npx ts-node --prefer-ts-exts bin/app.ts"),
        "package.json": package_json(name),
        "tsconfig.json": TSCONFIG,
        "bin/app.ts": "\n".join(app) + "\n",
        "lib/service-stack.ts": "\n".join(stack) + "\n",
    }


def cdk_python_app(rng, relevant):
    regions = rng.sample(REGIONS, rng.choice([1, 2, 2, 3, 3, 4]))
    stack = ["from aws_cdk import Stack, aws_s3 as s3"]
    if relevant:
        stack += ["from aws_cdk import aws_kms as kms, aws_ssmincidents as ssmincidents"]
    stack += [
        "from constructs import Construct",
        "",
        "",
        "class ServiceStack(Stack):",
        "    def __init__(self, scope: Construct, construct_id: str, *, regions: list, **kwargs) -> None:",
        "        super().__init__(scope, construct_id, **kwargs)",
    ]
    stack += [f'        s3.Bucket(self, "Bucket{i}", versioned=True)' for i in range(long_tail(rng, 3, 1, 30))]
    if relevant:
        stack += [
            '        key = kms.Key(self, "IncidentsKey", enable_key_rotation=True)',
            "        ssmincidents.CfnReplicationSet(",
            '            self,',
            '            "ReplicationSet",',
            "            regions=[",
            "                ssmincidents.CfnReplicationSet.ReplicationRegionProperty(",
            "                    region_name=region,",
            "                    region_configuration=ssmincidents.CfnReplicationSet.RegionConfigurationProperty(",
            "                        sse_kms_key_id=key.key_arn",
            "                    ),",
            "                )",
            "                for region in regions",
            "            ],",
            "            deletion_protected=True,",
            "        )",
        ]
    quoted = ", ".join(f'"{region}"' for region in regions)
    app = ["import aws_cdk as cdk", "", "from service.service_stack import ServiceStack", "", "app = cdk.App()"]
    for stage, region in zip(["Dev", "Prod"], [regions[0], rng.choice(REGIONS)]):
        app.append(f'ServiceStack(app, "{stage}", env=cdk.Environment(region="{region}"), regions=[{quoted}])')
    app.append("app.synth()")
    return {
        "cdk.json": cdk_json("python3 app.py"),
        "requirements.txt": "aws-cdk-lib==2.170.0\nconstructs>=10.0.0,<11.0.0\n",
        "app.py": "\n".join(app) + "\n",
        "service/__init__.py": "",
        "service/service_stack.py": "\n".join(stack) + "\n",
    }


def cloudformation_component(rng, relevant, as_json):
    template = replication_set_template(rng) if relevant else unrelated_template(rng)
    name = f"{word(rng)}-{'incidents' if relevant else 'stack'}"
    if as_json:
        return {f"cloudformation/{name}.json": template_json(template)}
    return {f"cloudformation/{name}.yaml": template_yaml(template)}


def typescript_service(rng):
    files = {"package.json": package_json(f"{word(rng)}-service"), "tsconfig.json": TSCONFIG}
    names = []
    for _ in range(long_tail(rng, 5, 1, 30)):
        name, text = typescript_module(rng, names[-2:])
        names.append(name)
        files[f"src/{name.lower()}.ts"] = text
    return files


def python_service(rng):
    return {f"src/{word(rng)}_{index}.py": python_module(rng) for index in range(long_tail(rng, 5, 1, 30))}


def yaml_component(rng):
    choice = rng.random()
    if choice < 0.6:
        return {f"k8s/{word(rng)}-{index}.yaml": kubernetes_manifest(rng) for index in range(rng.randint(1, 6))}
    if choice < 0.85:
        return {f"ci/workflows/{word(rng)}.yml": workflow(rng)}
    return {"docker-compose.yml": compose(rng)}


def prefixed(prefix, files):
    return {f"{prefix}/{path}": text for path, text in files.items()}


MIXED_UNRELATED = [
    (0.22, lambda rng: cloudformation_component(rng, False, as_json=rng.random() < 0.3)),
    (0.13, lambda rng: prefixed("terraform", unrelated_terraform_module(rng))),
    (0.03, lambda rng: prefixed("terraform", terraform_with_calls(rng))),
    (0.12, typescript_service),
    (0.12, python_service),
    (0.30, yaml_component),
    (0.02, lambda rng: prefixed("pulumi", pulumi_yaml_project(rng, False))),
    (0.03, lambda rng: prefixed("pulumi", pulumi_typescript_project(rng, False))),
    (0.03, lambda rng: prefixed("pulumi", pulumi_python_project(rng, False))),
    (0.03, lambda rng: prefixed("pulumi", pulumi_go_project(rng, False))),
    (0.03, lambda rng: prefixed("pulumi", pulumi_csharp_project(rng, False))),
    (0.03, lambda rng: prefixed("pulumi", pulumi_java_project(rng, False))),
    (0.02, lambda rng: prefixed("cdk", cdk_typescript_app(rng, False))),
    (0.02, lambda rng: prefixed("cdk", cdk_python_app(rng, False))),
]
RELEVANT_FORMATS = [
    lambda rng: cloudformation_component(rng, True, as_json=False),
    lambda rng: cloudformation_component(rng, True, as_json=True),
    lambda rng: prefixed("terraform", terraform_relevant(rng)),
    lambda rng: prefixed("pulumi", pulumi_yaml_project(rng, True)),
    lambda rng: prefixed("pulumi", pulumi_typescript_project(rng, True)),
    lambda rng: prefixed("pulumi", pulumi_python_project(rng, True)),
    lambda rng: prefixed("pulumi", pulumi_go_project(rng, True)),
    lambda rng: prefixed("pulumi", pulumi_csharp_project(rng, True)),
    lambda rng: prefixed("pulumi", pulumi_java_project(rng, True)),
    lambda rng: prefixed("cdk", cdk_typescript_app(rng, True)),
    lambda rng: prefixed("cdk", cdk_python_app(rng, True)),
]


def plan_json(rng, unrelated):
    """What `terraform show -json` writes for a root that keeps the set in a module, with
    `unrelated` other resources planned beside it: one line, as Terraform writes it."""
    regions = rng.sample(REGIONS, rng.choice([2, 2, 3]))
    account = "111122223333"
    keys = []
    for index, region in enumerate(regions):
        key_id = f"{index:08d}-1111-2222-3333-{rng.randrange(16**12):012x}"
        keys.append({
            "address": f"module.key_{index}.aws_kms_key.this", "mode": "managed", "type": "aws_kms_key",
            "name": "this", "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
            "values": {
                "arn": f"arn:aws:kms:{region}:{account}:key/{key_id}", "key_id": key_id,
                "customer_master_key_spec": "SYMMETRIC_DEFAULT", "key_usage": "ENCRYPT_DECRYPT",
                "is_enabled": True, "enable_key_rotation": True, "description": f"Incident Manager in {region}",
                "custom_key_store_id": None, "tags": None, "tags_all": {},
            },
        })
    replication_set = {
        "address": "module.incident_manager.aws_ssmincidents_replication_set.this", "mode": "managed",
        "type": "aws_ssmincidents_replication_set", "name": "this",
        "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
        "values": {
            "regions": [
                {"name": region, "kms_key_arn": key["values"]["arn"], "status": "ACTIVE"}
                for region, key in zip(regions, keys)
            ],
            "tags": {"team": word(rng)}, "tags_all": {"team": word(rng)}, "deletion_protected": True,
        },
    }
    others = [{
        "address": f"aws_s3_bucket.b{index}", "mode": "managed", "type": "aws_s3_bucket", "name": f"b{index}",
        "provider_name": "registry.terraform.io/hashicorp/aws", "schema_version": 0,
        "values": {"bucket": f"{word(rng)}-{index}", "force_destroy": False, "tags": {"service": word(rng)}},
    } for index in range(unrelated)]
    child_modules = [
        {"address": f"module.key_{index}", "resources": [key]} for index, key in enumerate(keys)
    ] + [{"address": "module.incident_manager", "resources": [replication_set]}]
    providers = {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws",
                         "expressions": {"region": {"constant_value": regions[0]}}}}
    for index, region in enumerate(regions):
        providers[f"module.key_{index}:aws"] = {
            "name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "module_address": f"module.key_{index}",
            "expressions": {"region": {"constant_value": region}},
        }
    changes = [
        {"address": resource["address"], "module_address": resource["address"].rsplit(".", 2)[0] if resource["address"].startswith("module.") else None,
         "mode": "managed", "type": resource["type"], "name": resource["name"], "provider_name": resource["provider_name"],
         "change": {"actions": ["no-op"], "before": resource["values"], "after": resource["values"], "after_unknown": {}}}
        for resource in keys + [replication_set] + others
    ]
    for change in changes:
        if change["module_address"] is None:
            del change["module_address"]
    plan = {
        "format_version": "1.2", "terraform_version": "1.9.5",
        "planned_values": {"root_module": {"resources": others, "child_modules": child_modules}},
        "resource_changes": changes,
        "configuration": {"provider_config": providers, "root_module": {"module_calls": {
            **{f"key_{index}": {"source": "../modules/keys", "module": {"resources": [
                {"address": "aws_kms_key.this", "mode": "managed", "type": "aws_kms_key", "name": "this",
                 "provider_config_key": f"module.key_{index}:aws", "schema_version": 0}]}} for index in range(len(keys))},
            "incident_manager": {"source": "../modules/incident-manager", "module": {"resources": [
                {"address": "aws_ssmincidents_replication_set.this", "mode": "managed",
                 "type": "aws_ssmincidents_replication_set", "name": "this", "provider_config_key": "aws",
                 "schema_version": 0}]}},
        }}},
    }
    return json.dumps(plan, separators=(",", ":"))


def terraform_relevant(rng):
    """Half the Terraform sets sit in a module of their own; of those calls, a third are to a
    registry module; a quarter of the live roots have their plan beside them (`plan.json`, as
    `terraform show -json` writes it)."""
    roll = rng.random()
    if roll < 0.5:
        return replication_set_terraform_module(rng)
    files = module_call_layout(rng, registry=roll > 0.83)
    if rng.random() < 0.25:
        files["live/plan.json"] = plan_json(rng, long_tail(rng, 20, 0, 400))
    return files


def pick(rng, weighted):
    roll = rng.random() * sum(weight for weight, _ in weighted)
    for weight, make in weighted:
        roll -= weight
        if roll < 0:
            return make
    return weighted[-1][1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--kind", choices=sorted(RELEVANT_SHARE), default="mixed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--module-calls",
        type=int,
        help="write one Terraform root that calls a child module this many times, and nothing else",
    )
    args = parser.parse_args()
    if args.module_calls is not None:
        for path, text in many_calls_root(args.module_calls).items():
            full = os.path.join(args.out, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as out:
                out.write(text)
        print(f"wrote a root of {args.module_calls} module calls under {args.out}")
        return
    rng = random.Random(args.seed)
    relevant_share = RELEVANT_SHARE[args.kind]
    written = relevant_files = relevant_units = component = 0
    total_bytes = 0
    while written < args.files:
        component += 1
        # Replication set units keep pace with the files written, so every size of tree holds the
        # same share of them, spread through it.
        if relevant_units < relevant_share * (written + 1):
            make = RELEVANT_FORMATS[relevant_units % len(RELEVANT_FORMATS)] if args.kind == "mixed" else (
                lambda rng: cloudformation_component(rng, True, as_json=rng.random() < 0.3)
            )
            relevant = True
        else:
            make = pick(rng, MIXED_UNRELATED) if args.kind == "mixed" else (
                lambda rng: cloudformation_component(rng, False, as_json=rng.random() < 0.3)
            )
            relevant = False
        files = make(rng)
        # Never more files than asked for: the last component is cut short.
        files = dict(list(files.items())[: args.files - written])
        directory = os.path.join(args.out, f"team{rng.randrange(40):02d}", f"{word(rng)}-{component}")
        for path, text in files.items():
            full = os.path.join(directory, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as out:
                out.write(text)
            total_bytes += len(text.encode())
        written += len(files)
        if relevant:
            relevant_units += 1
            relevant_files += len(files)
    print(
        f"wrote {written} files ({total_bytes / 2**20:.1f} MiB) under {args.out}, "
        f"{relevant_units} replication set units in {relevant_files} files"
    )


if __name__ == "__main__":
    main()
