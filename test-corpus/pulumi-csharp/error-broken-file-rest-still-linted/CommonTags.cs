using System.Collections.Generic;

static class CommonTags
{
    public static Dictionary<string, string> All => new()
    {
        ["team"] = "operations",
        ["owner"] = ,
    };
}
