#!/usr/bin/env python3
"""Writes units whose one file is as large as irlint reads (just under 2 MiB), each built to be
the worst case of one front-end: thousands of replication sets in one unit, one set of tens of
thousands of regions, a tag value of tens of thousands of words, a program of thousands of
statements whose names must all be looked up, or (Pulumi Go, C# and Java) a program of thousands
of sets, each with a key that a provider of its own creates.

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


# Go, C# and Java: each set's regions use a key that a provider of its own creates, so that the
# builder follows providers and keys as well as sets (this costs more than sets alone, for each of
# the three). Every key is in the set's second region, so the first region's entry has a finding.


def go_sets_keys(index):
    first, second = regions(index)
    check = "\t\tif err != nil {\n\t\t\treturn err\n\t\t}\n"
    return (
        f'\t\tprovider{index}, err := aws.NewProvider(ctx, "provider{index}", '
        f'&aws.ProviderArgs{{Region: pulumi.String("{second}")}})\n{check}'
        f'\t\tkey{index}, err := kms.NewKey(ctx, "key{index}", '
        f'&kms.KeyArgs{{Description: pulumi.String("set{index}")}}, pulumi.Provider(provider{index}))\n{check}'
        f'\t\t_, err = ssmincidents.NewReplicationSet(ctx, "set{index}", '
        "&ssmincidents.ReplicationSetArgs{Regions: ssmincidents.ReplicationSetRegionArray{"
        f'&ssmincidents.ReplicationSetRegionArgs{{Name: pulumi.String("{first}"), KmsKeyArn: key{index}.Arn}}, '
        f'&ssmincidents.ReplicationSetRegionArgs{{Name: pulumi.String("{second}"), KmsKeyArn: key{index}.Arn}}}}}})\n'
        f"{check}"
    )


def csharp_sets_keys(index):
    first, second = regions(index)
    return (
        f'    var provider{index} = new Aws.Provider("provider{index}", new() {{ Region = "{second}" }});\n'
        f'    var key{index} = new Aws.Kms.Key("key{index}", new() {{ Description = "set{index}" }}, '
        f"new CustomResourceOptions {{ Provider = provider{index} }});\n"
        f'    new ReplicationSet("set{index}", new() {{ Regions = {{ '
        f'new ReplicationSetRegionArgs {{ Name = "{first}", KmsKeyArn = key{index}.Arn }}, '
        f'new ReplicationSetRegionArgs {{ Name = "{second}", KmsKeyArn = key{index}.Arn }} }} }});\n'
    )


def java_sets_keys(index):
    first, second = regions(index)
    return (
        f'        var provider{index} = new Provider("provider{index}", '
        f'ProviderArgs.builder().region("{second}").build());\n'
        f'        var key{index} = new Key("key{index}", KeyArgs.builder().description("set{index}").build(), '
        f"CustomResourceOptions.builder().provider(provider{index}).build());\n"
        f'        new ReplicationSet("set{index}", ReplicationSetArgs.builder().regions('
        f'ReplicationSetRegionArgs.builder().name("{first}").kmsKeyArn(key{index}.arn()).build(), '
        f'ReplicationSetRegionArgs.builder().name("{second}").kmsKeyArn(key{index}.arn()).build()).build());\n'
    )


GO_HEAD = (
    "package main\n\nimport (\n"
    '\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws"\n'
    '\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/kms"\n'
    '\t"github.com/pulumi/pulumi-aws/sdk/v7/go/aws/ssmincidents"\n'
    '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"\n)\n\n'
    "func main() {\n\tpulumi.Run(func(ctx *pulumi.Context) error {\n\t\tvar err error\n"
)
GO_TAIL = "\t\treturn nil\n\t})\n}\n"
GO_MOD = (
    "module example.com/largest\n\ngo 1.22\n\nrequire (\n"
    "\tgithub.com/pulumi/pulumi-aws/sdk/v7 v7.7.0\n\tgithub.com/pulumi/pulumi/sdk/v3 v3.190.0\n)\n"
)
CSHARP_HEAD = (
    "using Pulumi;\nusing Aws = Pulumi.Aws;\nusing Pulumi.Aws.SsmIncidents;\n"
    "using Pulumi.Aws.SsmIncidents.Inputs;\n\n"
    "return await Deployment.RunAsync(() =>\n{\n"
)
CSHARP_TAIL = "});\n"
CSPROJ = (
    '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n'
    "    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n"
    '    <PackageReference Include="Pulumi" Version="3.*" />\n'
    '    <PackageReference Include="Pulumi.Aws" Version="7.*" />\n  </ItemGroup>\n</Project>\n'
)
JAVA_HEAD = (
    "package largest;\n\nimport com.pulumi.Context;\nimport com.pulumi.Pulumi;\n"
    "import com.pulumi.aws.Provider;\nimport com.pulumi.aws.ProviderArgs;\n"
    "import com.pulumi.aws.kms.Key;\nimport com.pulumi.aws.kms.KeyArgs;\n"
    "import com.pulumi.aws.ssmincidents.ReplicationSet;\n"
    "import com.pulumi.aws.ssmincidents.ReplicationSetArgs;\n"
    "import com.pulumi.aws.ssmincidents.inputs.ReplicationSetRegionArgs;\n"
    "import com.pulumi.resources.CustomResourceOptions;\n\n"
    "public class App {\n    public static void main(String[] args) {\n"
    "        Pulumi.run(App::stack);\n    }\n\n    public static void stack(Context ctx) {\n"
)
JAVA_TAIL = "    }\n}\n"
POM_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
    "    <modelVersion>4.0.0</modelVersion>\n    <groupId>com.example</groupId>\n"
    "    <artifactId>largest</artifactId>\n    <version>1.0-SNAPSHOT</version>\n"
    "    <properties>\n        <mainClass>largest.App</mainClass>\n    </properties>\n"
    "    <dependencies>\n        <dependency>\n            <groupId>com.pulumi</groupId>\n"
    "            <artifactId>aws</artifactId>\n            <version>7.7.0</version>\n"
    "        </dependency>\n    </dependencies>\n</project>\n"
)


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
    "go-sets-keys": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="go"),
        "go.mod": lambda: GO_MOD,
        "main.go": lambda: fill(GO_HEAD, go_sets_keys, GO_TAIL),
    },
    "csharp-sets-keys": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="dotnet"),
        "Largest.csproj": lambda: CSPROJ,
        "Program.cs": lambda: fill(CSHARP_HEAD, csharp_sets_keys, CSHARP_TAIL),
    },
    "java-sets-keys": {
        "Pulumi.yaml": lambda: PULUMI_YAML.format(runtime="java"),
        "pom.xml": lambda: POM_XML,
        "src/main/java/largest/App.java": lambda: fill(JAVA_HEAD, java_sets_keys, JAVA_TAIL),
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
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            (directory / name).write_text(text())


if __name__ == "__main__":
    main()
