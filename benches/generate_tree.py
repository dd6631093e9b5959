#!/usr/bin/env python3
"""Writes a large, realistic tree for timing irlint: mostly unrelated infrastructure code, with a
few replication set units among it.

usage: generate_tree.py OUT_DIR [--files N] [--seed S]
"""
import argparse
import json
import os
import random

REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]


def unrelated_terraform(rng, i):
    blocks = []
    for j in range(rng.randint(3, 12)):
        blocks.append(
            f'resource "aws_s3_bucket" "b{i}_{j}" {{\n'
            f'  bucket = "bucket-{i}-{j}"\n'
            f'  tags = {{\n    team = "team-{j % 7}"\n    env  = var.env\n  }}\n}}\n'
        )
    blocks.append('variable "env" {\n  type    = string\n  default = "dev"\n}\n')
    return "\n".join(blocks)


def replication_set_terraform(rng, i):
    home, other = rng.sample(REGIONS, 2)
    return (
        f'provider "aws" {{\n  region = "{home}"\n}}\n\n'
        f'provider "aws" {{\n  alias  = "other"\n  region = "{other}"\n}}\n\n'
        'resource "aws_kms_key" "home" {}\n\n'
        'resource "aws_kms_key" "other" {\n  provider = aws.other\n}\n\n'
        f'resource "aws_ssmincidents_replication_set" "set{i}" {{\n'
        f'  regions {{\n    name        = "{home}"\n    kms_key_arn = aws_kms_key.home.arn\n  }}\n'
        f'  regions {{\n    name        = "{other}"\n    kms_key_arn = aws_kms_key.{rng.choice(["home", "other"])}.arn\n  }}\n'
        "}\n"
    )


def unrelated_template(rng, i):
    resources = {}
    for j in range(rng.randint(3, 15)):
        resources[f"Queue{i}x{j}"] = {
            "Type": "AWS::SQS::Queue",
            "Properties": {"QueueName": f"queue-{i}-{j}", "VisibilityTimeout": 30 + j},
        }
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


def replication_set_template(rng, i):
    template = {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Key": {"Type": "AWS::KMS::Key", "Properties": {}},
            "ReplicationSet": {
                "Type": "AWS::SSMIncidents::ReplicationSet",
                "Properties": {
                    "DeletionProtected": rng.choice([True, False]),
                    "Regions": [
                        {
                            "RegionName": {"Ref": "AWS::Region"},
                            "RegionConfiguration": {"SseKmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}},
                        }
                    ],
                },
            },
        },
    }
    return template


def to_yaml(value, indent=0):
    pad = "  " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:\n{to_yaml(item, indent + 1)}")
            else:
                lines.append(f"{pad}{key}: {json.dumps(item)}")
        return "\n".join(lines)
    if isinstance(value, list):
        lines = []
        for item in value:
            body = to_yaml(item, indent + 1).lstrip()
            lines.append(f"{pad}- {body}")
        return "\n".join(lines)
    return f"{pad}{json.dumps(value)}"


def helm_like(rng, i):
    return (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"
        f"  name: {{{{ .Release.Name }}}}-app{i}\n"
        "spec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n"
        f"        - name: app\n          image: registry.example/app:{rng.randint(1, 99)}\n"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    written = 0
    i = 0
    while written < args.files:
        i += 1
        kind = rng.random()
        relevant = rng.random() < 0.02
        directory = os.path.join(args.out, f"team{i % 50}", f"unit{i}")
        os.makedirs(directory, exist_ok=True)
        if kind < 0.4:
            files = 3 if not relevant else 1
            for f in range(files):
                text = replication_set_terraform(rng, i) if relevant else unrelated_terraform(rng, i * 10 + f)
                with open(os.path.join(directory, f"file{f}.tf"), "w") as out:
                    out.write(text)
            written += files
        elif kind < 0.7:
            template = replication_set_template(rng, i) if relevant else unrelated_template(rng, i)
            with open(os.path.join(directory, "template.yaml"), "w") as out:
                out.write(to_yaml(template) + "\n")
            written += 1
        elif kind < 0.85:
            template = replication_set_template(rng, i) if relevant else unrelated_template(rng, i)
            with open(os.path.join(directory, "template.json"), "w") as out:
                json.dump(template, out, indent=2)
            written += 1
        else:
            with open(os.path.join(directory, "deployment.yaml"), "w") as out:
                out.write(helm_like(rng, i))
            written += 1
    print(f"wrote {written} files under {args.out}")


if __name__ == "__main__":
    main()
