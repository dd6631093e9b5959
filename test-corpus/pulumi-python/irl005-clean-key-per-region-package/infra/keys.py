import pulumi
import pulumi_aws as aws

from .regions import WEST

west = aws.Provider("west", region=WEST)

east_key = aws.kms.Key("east-key")
west_key = aws.kms.Key("west-key", opts=pulumi.ResourceOptions(providers={"aws": west}))
