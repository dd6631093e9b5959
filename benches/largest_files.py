#!/usr/bin/env python3
"""Writes units whose one file is as large as irlint reads (just under 2 MiB), each built to be
the worst case of one front-end: thousands of replication sets in one unit, one set of tens of
thousands of regions, a tag value of tens of thousands of words, or a program of thousands of
statements whose names must all be looked up.

usage: benches/largest_files.py DIRECTORY
Each case is a directory of its own under DIRECTORY; benches/largest.sh times irlint on each.
"""

import json
import sys
from pathlib import Path

LIMIT = 2 * 1024 * 1024 - 64 * 1024


def fill(head, item, tail=""):
    """head, then item(0), item(1), ... for as long as the text stays under the limit."""
    parts, size, index = [head], len(head) + len(tail), 0
    while True:
        part = item(index)
        if size + len(part) > LIMIT:
            break
        parts.append(part)
        size += len(part)
        index += 1
    parts.append(tail)
    return "".join(parts)


def regions(index):
    # Every other set names a region that does not exist, so that rules report findings.
    second = "eu-west-9" if index % 2 else "eu-west-1"
    return ["us-east-1", second]


def cloudformation_yaml(index):
    first, second = regions(index)
    return (
        f"  Set{index}:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n"
        f"      Regions:\n        - RegionName: {first}\n        - RegionName: {second}\n"
    )


def region_entry(index):
    # Names that do not exist, each once, and us-east-1 again and again: every entry has a
    # finding, and duplicates must be found among tens of thousands of distinct names.
    region = "us-east-1" if index % 4 == 0 else f"xx-east-{index}"
    return f"        - RegionName: {region}\n"


def cloudformation_json(index):
    entries = [{"RegionName": region} for region in regions(index)]
    resource = {"Type": "AWS::SSMIncidents::ReplicationSet", "Properties": {"Regions": entries}}
    return ("," if index else "") + f'"Set{index}": ' + json.dumps(resource)


def terraform(index):
    blocks = "".join(f'  region {{\n    name = "{r}"\n  }}\n' for r in regions(index))
    return f'resource "aws_ssmincidents_replication_set" "set{index}" {{\n{blocks}}}\n'


def pulumi_yaml(index):
    entries = "".join(f"          - region: {r}\n" for r in regions(index))
    return (
        f"  set{index}:\n    type: aws:ssmincidents:ReplicationSet\n    properties:\n"
        f"      regions:\n{entries}"
    )


def typescript_sets(index):
    first, second = regions(index)
    return (
        f'const region{index} = "{second}";\n'
        f'new aws.ssmincidents.ReplicationSet("set{index}", '
        f'{{ regions: [{{ name: "{first}" }}, {{ name: region{index} }}] }});\n'
    )


def typescript_undeclared(index):
    return f'new undeclared{index}.Thing("thing{index}", {{ value: alsoUndeclared{index} }});\n'


def python_sets(index):
    first, second = regions(index)
    return (
        f'REGION_{index} = "{second}"\n'
        f'aws.ssmincidents.ReplicationSet("set{index}", '
        f'regions=[{{"name": "{first}"}}, {{"name": REGION_{index}}}])\n'
    )


def python_undeclared(index):
    return f'undeclared{index}.Thing("thing{index}", value=also_undeclared{index})\n'


ONE_SET_TS = (
    'import * as aws from "@pulumi/aws";\n'
    'new aws.ssmincidents.ReplicationSet("set", { regions: [{ name: "us-east-1" }] });\n'
)
ONE_SET_PY = (
    "import pulumi_aws as aws\n"
    'aws.ssmincidents.ReplicationSet("set", regions=[{"name": "us-east-1"}])\n'
)
PULUMI_YAML = "name: largest\nruntime: {runtime}\n"

CASES = {
    "cloudformation-yaml-sets": {
        "template.yaml": lambda: fill("Resources:\n", cloudformation_yaml)
    },
    "cloudformation-yaml-regions": {
        "template.yaml": lambda: fill(
            "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n"
            "    Properties:\n      Regions:\n",
            region_entry,
        )
    },
    "cloudformation-yaml-tag-value": {
        "template.yaml": lambda: fill(
            "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n"
            "    Properties:\n      Regions:\n        - RegionName: us-east-1\n"
            "      Tags:\n        - Key: Owner\n          Value: >-\n",
            # Words shaped like access key ids, each of which the tag rule must look at.
            lambda index: f"            AKIA{index:016d}\n",
        )
    },
    "cloudformation-json-sets": {
        "template.json": lambda: fill('{"Resources": {', cloudformation_json, "}}\n")
    },
    "terraform-sets": {
        "main.tf": lambda: fill('provider "aws" {\n  region = "us-east-1"\n}\n', terraform)
    },
    "pulumi-yaml-sets": {
        "Pulumi.yaml": lambda: fill(
            PULUMI_YAML.format(runtime="yaml") + "resources:\n", pulumi_yaml
        )
    },
    "typescript-sets": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="nodejs"),
        "index.ts": lambda: fill('import * as aws from "@pulumi/aws";\n', typescript_sets),
    },
    "typescript-undeclared-names": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="nodejs"),
        "index.ts": lambda: fill(ONE_SET_TS, typescript_undeclared),
    },
    "python-sets": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="python"),
        "__main__.py": lambda: fill("import pulumi_aws as aws\n", python_sets),
    },
    "python-undeclared-names": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="python"),
        "__main__.py": lambda: fill(ONE_SET_PY, python_undeclared),
    },
}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    for case, files in CASES.items():
        directory = root / case
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (directory / name).write_text(text())


if __name__ == "__main__":
    main()
