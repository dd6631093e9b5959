//! What irlint prints: no forged workflow commands, no terminal escapes, no secrets.
//!
//! A pull request controls names (logical ids, Pulumi resource names, file names), values
//! (regions, tags) and `irlint.toml`, all of which reach the text report, GitHub annotations and
//! error messages. The action prints the report in the job's log, where a line starting with
//! `::` is a workflow command (`::add-mask::`, `::error file=…::`), and people read it in
//! terminals, where ESC and BEL start escape sequences (OSC 52 writes the clipboard).

use std::path::Path;

use crate::support::{self, Run, write};

/// Line breaks and escapes as every hostile string below carries them: a forged mask, a forged
/// annotation on another file, OSC 52 (set the clipboard), BEL, and a Unicode line separator.
const INJECTION: &str = "\n::add-mask::***\n::error file=README.md,line=1::forged\r::notice::cr\
                         \u{1b}]52;c;aGVsbG8=\u{7}\u{7}\u{2028}::warning::ls";

/// `INJECTION` in a YAML double-quoted string, which spells those characters with escapes.
fn yaml_quoted(prefix: &str) -> String {
    let escaped: String = INJECTION
        .chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\r' => "\\r".to_owned(),
            c if c.is_control() || !c.is_ascii() => format!("\\u{:04x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    format!("\"{prefix}{escaped}\"")
}

/// Runs irlint in `dir`, colour left to the arguments. What is checked is every byte printed:
/// `support::run` keeps them all, and fails the test on one that is not UTF-8.
fn irlint(dir: &Path, args: &[&str]) -> Run {
    support::run(support::irlint().current_dir(dir).args(args))
}

/// A colour escape, `ESC [ digits and semicolons m`, as termcolor writes it: its length.
fn colour_escape(bytes: &[u8]) -> Option<usize> {
    let parameters = bytes
        .strip_prefix(b"\x1b[")?
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b';')
        .count();
    (bytes.get(2 + parameters) == Some(&b'm')).then_some(3 + parameters)
}

/// Fails when `printed` holds a line starting with `::` that irlint did not mean as a command
/// (with `commands`, a line starting with `::error `, `::warning ` or `::notice ` and holding no
/// raw control character is one), or ESC or BEL other than the colour escapes of `colour`.
fn assert_harmless(printed: &str, commands: bool, colour: bool, what: &str) {
    let text = printed;
    let printed = printed.as_bytes();
    // Lines as a terminal or a log viewer may break them.
    for line in text.split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        if !line.starts_with("::") {
            continue;
        }
        let meant = commands
            && ["::error ", "::warning ", "::notice "]
                .iter()
                .any(|command| line.starts_with(command))
            && !line.chars().any(char::is_control);
        assert!(meant, "{what}: a forged line `{line:?}` in:\n{text}");
    }
    let mut at = 0;
    while at < printed.len() {
        match colour_escape(&printed[at..]) {
            Some(length) if colour => at += length,
            _ => {
                assert!(
                    printed[at] != 0x1b && printed[at] != 0x07,
                    "{what}: a raw {:#04x} at byte {at} in:\n{text}",
                    printed[at]
                );
                at += 1;
            }
        }
    }
}

/// Runs irlint on `dir` in every format a log or a terminal shows, and checks what each printed.
fn assert_every_output_harmless(dir: &Path, args: &[&str]) -> Vec<Run> {
    let runs = [
        (["--format", "text", "--color", "never"], false, false),
        (["--format", "text", "--color", "always"], false, true),
        (["--format", "github", "--color", "never"], true, false),
    ];
    runs.into_iter()
        .map(|(format, commands, colour)| {
            let printed = irlint(dir, &[&format[..], args].concat());
            let what = format!("{format:?} {args:?}");
            assert_harmless(
                &printed.stdout,
                commands,
                colour,
                &format!("{what}, stdout"),
            );
            assert_harmless(&printed.stderr, false, false, &format!("{what}, stderr"));
            printed
        })
        .collect()
}

fn injection_template() -> String {
    format!(
        "Resources:
  {id}:
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: {region}
      Tags:
        - Key: {key}
          Value: jane.doe@example.com
",
        id = yaml_quoted("Set"),
        region = yaml_quoted("us-east-1"),
        key = yaml_quoted("owner"),
    )
}

/// Escapes and line breaks written raw in the source, where YAML lets them be: in comments.
const RAW_CONTROLS_TEMPLATE: &str = "Resources:
  Set: # \u{1b}]52;c;aGVsbG8=\u{7} \u{2028}::warning::ls \u{202e}txt.exe
    Type: AWS::SSMIncidents::ReplicationSet
    Properties:
      Regions:
        - RegionName: us-esat-1 # \u{1b}[2J\u{7}
";

#[test]
fn hostile_names_and_values_forge_no_command_and_no_escape() {
    let dir = support::project(&[]);
    let dir = dir.path();
    write(dir, "injection.yaml", injection_template());
    write(dir, "raw.yaml", RAW_CONTROLS_TEMPLATE);
    // A file name is printed in headers, annotations' `file=` and errors.
    write(
        dir,
        &format!("named{INJECTION}.yaml"),
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties:\n      \
         Regions: [{RegionName: us-east-1}]\n",
    );
    write(
        dir,
        &format!("broken{INJECTION}.yaml"),
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: [\n",
    );
    let project = dir.join("pulumi");
    std::fs::create_dir(&project).expect("a project directory");
    write(
        &project,
        "Pulumi.yaml",
        format!(
            "name: incidents\nruntime: yaml\nresources:\n  {}:\n    type: \
             aws:ssmincidents:ReplicationSet\n    properties:\n      regions:\n        - name: \
             us-east-1\n",
            yaml_quoted("set")
        ),
    );
    for printed in assert_every_output_harmless(dir, &["."]) {
        // Each run reported the findings of every file, and the file that cannot be parsed.
        assert_eq!(printed.code, 2, "{}", printed.stderr);
        let stdout = &printed.stdout;
        for expected in ["IRL004", "IRL012", "IRL014", "named", "broken"] {
            assert!(stdout.contains(expected), "{expected} in:\n{stdout}");
        }
    }
}

#[test]
fn a_hostile_configuration_forges_nothing_on_standard_error() {
    let dir = support::project(&[]);
    let dir = dir.path();
    write(dir, "set.yaml", injection_template());
    let rule = yaml_quoted("IRL004");
    write(dir, "irlint.toml", format!("select = [{rule}]\n"));
    for printed in assert_every_output_harmless(dir, &["."]) {
        assert_eq!(printed.code, 2);
        assert!(
            printed.stderr.contains("irlint.toml"),
            "the error names the configuration"
        );
    }
    let printed = irlint(dir, &["--explain", &format!("IRL004{INJECTION}")]);
    assert_harmless(&printed.stderr, false, false, "--explain");
}

const ACCESS_KEY_ID: &str = "AKIAIOSFODNN7EXAMPLE";
const SECRET_KEY: &str = "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";

/// Fails when the text report on `dir` shows a credential, or shows no mask.
fn assert_credentials_masked(dir: &Path) {
    for colour in ["never", "always"] {
        let Run {
            stdout,
            stderr,
            code,
            ..
        } = irlint(dir, &["--format", "text", "--color", colour, "."]);
        assert_eq!(code, 1, "{stdout}{stderr}");
        for secret in [ACCESS_KEY_ID, SECRET_KEY, "AKIAIOSF", "q8Vz2LrT"] {
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "`{secret}` is shown:\n{stdout}{stderr}"
            );
        }
        assert!(
            stdout.contains(&"*".repeat(ACCESS_KEY_ID.len())),
            "{stdout}"
        );
        assert!(stdout.contains(&"*".repeat(SECRET_KEY.len())), "{stdout}");
    }
}

/// A template whose set's regions and tags are all on one line, with a misspelt region: its
/// findings show the credentials' line whether or not IRL014 reports them.
fn credentials_template() -> String {
    format!(
        "Resources:\n  Set:\n    Type: AWS::SSMIncidents::ReplicationSet\n    Properties: \
         {{Regions: [{{RegionName: us-esat-1}}], Tags: [{{Key: AccessKey, Value: \
         {ACCESS_KEY_ID}}}, {{Key: SecretKey, Value: \"{SECRET_KEY}\"}}]}}\n"
    )
}

#[test]
fn credentials_in_tags_are_masked_in_every_excerpt() {
    let dir = support::project(&[]);
    let dir = dir.path();
    write(dir, "flow.yaml", credentials_template());
    // One long line: every finding is shown through a cut of it.
    write(
        dir,
        "minified.json",
        format!(
            "{{\"Resources\":{{\"Set\":{{\"Type\":\"AWS::SSMIncidents::ReplicationSet\",\
             \"Properties\":{{\"Regions\":[{{\"RegionName\":\"us-esat-1\"}}],\"Tags\":[\
             {{\"Key\":\"k\",\"Value\":\"{ACCESS_KEY_ID}\"}},{{\"Key\":\"s\",\"Value\":\
             \"{SECRET_KEY}\"}}]}}}}}}}}"
        ),
    );
    assert_credentials_masked(dir);
}

#[test]
fn credentials_are_masked_when_the_rule_that_finds_them_is_off() {
    let dir = support::project(&[]);
    let dir = dir.path();
    write(dir, "irlint.toml", "ignore = [\"IRL014\"]\n");
    write(dir, "set.yaml", credentials_template());
    assert_credentials_masked(dir);

    let dir = support::project(&[]);
    let dir = dir.path();
    write(
        dir,
        "set.yaml",
        format!(
            "# irlint: ignore[IRL014] test keys, revoked\n{}",
            credentials_template()
        ),
    );
    assert_credentials_masked(dir);
}
