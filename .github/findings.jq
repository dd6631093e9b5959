# The findings of a SARIF log that irlint wrote, and the action's job summary of them.
# The action includes it (`jq -L .github 'include "findings"; …'`).

# The results that no suppression covers (the log has the others only with --include-suppressed).
def findings: [.runs[] | .results[]? | select((.suppressions // []) | length == 0)];

# The text as Markdown that shows it as it is: the messages come from the linted code, which may
# be hostile, so every ASCII punctuation character that Markdown or HTML could read as syntax is
# escaped, and control characters (line breaks, which would end a table row) become spaces.
def plain:
  gsub("[[:cntrl:]]+"; " ")
  | gsub("(?<c>[!-/:-@\\[-`{-~])";
      if .c == "&" then "&amp;"
      elif .c == "<" then "&lt;"
      elif .c == ">" then "&gt;"
      else "\\" + .c
      end);

def shortened($most): if length > $most then .[:$most] + "…" else . end;

def counted($one; $many): if . == 1 then "1 " + $one else "\(.) " + $many end;

# "path:line" of a result's first location.
def location:
  (.locations[0].physicalLocation // {}) as $where
  | ($where.artifactLocation.uri // "")
    + (if $where.region.startLine then ":\($where.region.startLine)" else "" end);

# The summary's Markdown lines: a heading with the counts by level, the category, the files that
# could not be read, and a table of the first $rows findings.
def summary($category; $log; $rows):
  findings as $findings
  | ($findings | length) as $count
  | [.runs[] | .invocations[]? | .toolExecutionNotifications[]? | select(.level == "error")]
    as $errors
  | if $count == 0 then "### irlint: no findings"
    else
      "### irlint: " + ($count | counted("finding"; "findings")) + " ("
      + (["error", "warning", "note"]
          | map(. as $level
              | [$findings[] | select((.level // "warning") == $level)] | length
              | select(. > 0)
              | counted($level; $level + "s"))
          | join(", "))
      + ")"
    end,
    "",
    "Category " + ($category | plain) + ", SARIF log " + ($log | plain) + ".",
    if ($errors | length) > 0 then
      "",
      ($errors | length | counted("file"; "files")) + " could not be read or parsed: see the Lint step."
    else empty end,
    if $count > 0 then
      "",
      "| rule | level | location | message |",
      "| --- | --- | --- | --- |",
      ($findings[:$rows][]
        | "| " + ((.ruleId // "") | plain)
          + " | " + ((.level // "warning") | plain)
          + " | " + (location | plain)
          + " | " + ((.message.text // "") | split("\n")[0] | shortened(500) | plain)
          + " |"),
      if $count > $rows then
        "", "… and \($count - $rows) more: see the SARIF log or the Lint step."
      else empty end
    else empty end;
