//! The command line.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use irlint::config;
use irlint::fix;
use irlint::lint::{self, Options};
use irlint::outcome::Outcome;
use irlint::printable::printable;
use irlint::replace::Replacement;
use irlint::report::{self, OutputFormat, SuppressedFindings, UncheckedNotes};
use irlint::rule_meta::Level;
use irlint::rules;
use irlint::source::display_path;

// A large unit allocates millions of small values (tree-sitter's nodes, the program, the
// report): mimalloc, which also serves tree-sitter's C allocations, takes a fifth off its time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A policy linter for AWS Systems Manager Incident Manager replication sets in CloudFormation
/// and SAM, Terraform (modules and plans), Pulumi (YAML, TypeScript, JavaScript, Python, Go, C#,
/// Java) and AWS CDK apps (TypeScript, JavaScript, Python).
///
/// With `--base REV`, also checks what the working tree changes in each replication set since
/// the git revision REV (for a pull request: its base branch or base commit).
///
/// Each unit takes its settings from the nearest `irlint.toml` at or above it (`irlint --init`
/// writes one), or from the file `--config` names.
///
/// Exit status: 0 when no finding reaches the failing level, 1 when one does, 2 on a usage error
/// (a revision that does not exist, paths outside a git repository with `--base`, an invalid
/// configuration) or a file that could not be read or parsed (the other files are still linted).
#[derive(Parser, Debug)]
#[command(version, about, long_about)]
struct Cli {
    /// Files and directories to lint.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// The region that CloudFormation stacks (and other deployments that do not name their
    /// region in code) are deployed to; wins over the configuration's `region`.
    #[arg(long, value_name = "REGION", value_parser = parse_region)]
    region: Option<String>,

    /// A Terraform variable file applied to every module after those it loads itself, as
    /// `terraform plan -var-file` takes it (repeatable: each wins over the ones before).
    #[arg(long = "var-file", value_name = "FILE")]
    var_file: Vec<PathBuf>,

    /// A Terraform variable's value, as `terraform plan -var` takes it (repeatable; wins over
    /// `--var-file`): a string, or a list or object written in HCL.
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_variable)]
    var: Vec<(String, String)>,

    /// Use this configuration for every unit instead of the nearest `irlint.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,

    /// Take each unit's `irlint.toml` as it was at this git revision instead of the working
    /// tree's: for a pull request, its base, so that the pull request cannot change what
    /// applies to it.
    #[arg(long, value_name = "REV", conflicts_with = "config")]
    config_from: Option<String>,

    /// Report every finding, as if no suppression were written in the source (an audit); the
    /// suppressions themselves are not checked.
    #[arg(long)]
    no_suppressions: bool,

    /// Keep the findings that suppressions cover in JSON and SARIF output, marked as suppressed
    /// with the suppression's reason.
    #[arg(long, conflicts_with = "no_suppressions")]
    include_suppressed: bool,

    /// Make the fixes that findings carry in the linted files (each only where the file still
    /// holds what irlint read), then report the findings that remain.
    #[arg(long, conflicts_with_all = ["lsp", "diff", "stdin_filename"])]
    fix: bool,

    /// Print the fixes that findings carry as a unified diff instead of a report, writing
    /// nothing; exit with 1 when there is one.
    #[arg(long, conflicts_with_all = ["lsp", "format", "output"])]
    diff: bool,

    /// Compare with this git revision (`origin/main`, a commit): run the change rules on every
    /// replication set as it was there and as it is in the working tree.
    #[arg(long, value_name = "REV")]
    base: Option<String>,

    /// With --base: leave out the findings the base revision has already, so that a pull
    /// request sees what it brings (the change rules are unaffected).
    #[arg(long, requires = "base")]
    new_only: bool,

    /// Leave out the findings that this earlier JSON report or SARIF log of irlint holds (by
    /// fingerprint, not by line): a repository adopts irlint with the findings it has.
    #[arg(long, value_name = "FILE", conflicts_with = "lsp")]
    baseline: Option<PathBuf>,

    /// Also write every finding to this file, as a JSON report, for --baseline; findings then
    /// do not fail the run.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["lsp", "baseline", "new_only"])]
    write_baseline: Option<PathBuf>,

    /// The git repository to read revisions from and to stay inside, by the top of its work
    /// tree; by default the one that holds the working directory.
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,

    /// Exit with 1 when a finding is at this level or above (`never`: findings never do).
    #[arg(long, value_enum, default_value_t = FailLevel::Error, value_name = "LEVEL")]
    fail_level: FailLevel,

    /// Exit with 0 whatever the findings (as `--fail-level never`); a file that cannot be read or
    /// parsed still exits with 2.
    #[arg(long)]
    exit_zero: bool,

    /// Run only these rules (ids or names, comma-separated or repeated), instead of what each
    /// configuration selects and ignores.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    select: Option<Vec<&'static str>>,

    /// Do not run these rules (ids or names, comma-separated or repeated), besides those each
    /// configuration ignores.
    #[arg(long, value_name = "RULE", value_delimiter = ',', value_parser = parse_rule)]
    ignore: Vec<&'static str>,

    /// Report the findings alone, without the summary (text and github output).
    #[arg(long, short)]
    quiet: bool,

    /// Report how many findings each rule has instead of the findings (text or JSON output).
    #[arg(long)]
    statistics: bool,

    /// Lint standard input as the file at this path, within its unit (give `-` as the path to
    /// lint): for editors and scripts, with unsaved text.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,

    /// List each check that could not be made (a value irlint cannot know, such as a parameter
    /// without a default or a stack's region, or code it does not read) in text output, with
    /// why; without it, text output only counts them. JSON and SARIF output always list them.
    #[arg(long)]
    show_unknown: bool,

    /// When to colour text output (honours NO_COLOR).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,

    /// Print the documentation of a rule (by id or name) and exit.
    #[arg(long, value_name = "RULE", exclusive = true)]
    explain: Option<String>,

    /// List every rule and exit.
    #[arg(long, exclusive = true)]
    list_rules: bool,

    /// Run a language server over standard input and output: editors get the findings of the
    /// files they open as diagnostics, as they are typed. Takes `--region`.
    #[arg(long, conflicts_with_all = ["paths", "format", "output", "base", "fail_level", "color", "show_unknown"])]
    lsp: bool,

    /// Write a commented default `irlint.toml` in the current directory and exit (never over an
    /// existing one).
    #[arg(long, exclusive = true)]
    init: bool,

    /// Print the completion script of a shell (bash, zsh, fish, powershell, elvish) and exit.
    #[arg(long, value_name = "SHELL", exclusive = true)]
    completions: Option<clap_complete::Shell>,
}

/// The lowest level of a finding that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FailLevel {
    Error,
    Warning,
    Note,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Splits `NAME=VALUE` at its first `=`; the name is a Terraform identifier.
fn parse_variable(text: &str) -> Result<(String, String), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=VALUE"))?;
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match identifier {
        true => Ok((name.to_owned(), value.to_owned())),
        false => Err(format!("`{name}` is not a variable name")),
    }
}

/// A rule by id or name, with a did-you-mean for a misspelling.
fn parse_rule(text: &str) -> Result<&'static str, String> {
    config::rule_named(text).map(|rule| rule.id)
}

/// Accepts the regions AWS has (`us-east-1`, `us-gov-west-1`), and suggests one for a
/// misspelling; the rules say whether Incident Manager serves it.
fn parse_region(text: &str) -> Result<String, String> {
    irlint::regions::check_name(text).map(|()| text.to_owned())
}

const EXIT_CLEAN: u8 = 0;
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(rule) = &cli.explain {
        return explain(rule);
    }
    if cli.init {
        return init();
    }
    if let Some(shell) = cli.completions {
        let mut command = Cli::command();
        clap_complete::generate(shell, &mut command, "irlint", &mut std::io::stdout());
        return ExitCode::from(EXIT_CLEAN);
    }
    if cli.list_rules {
        let name_width = rules::RULES
            .iter()
            .map(|rule| rule.meta().name.len())
            .max()
            .unwrap_or_default();
        for rule in rules::RULES {
            let meta = rule.meta();
            println!(
                "{}  {:<name_width$} {:<8} {}",
                meta.id,
                meta.name,
                meta.level.as_str(),
                meta.summary
            );
        }
        return ExitCode::from(EXIT_CLEAN);
    }
    if cli.statistics && matches!(cli.format, OutputFormat::Sarif | OutputFormat::Github) {
        print_error("--statistics reports in text or JSON, not in SARIF or GitHub annotations");
        return ExitCode::from(EXIT_ERROR);
    }
    let mut options = Options {
        rules: config::RuleChoice {
            select: cli.select.clone(),
            ignore: cli.ignore.clone(),
        },
        region: cli.region.clone(),
        base: cli.base.clone(),
        new_only: cli.new_only,
        baseline: cli.baseline.clone(),
        config: cli.config.clone(),
        ignore_suppressions: cli.no_suppressions,
        repository: cli.repo.clone(),
        config_from: cli.config_from.clone(),
        var_files: cli.var_file.clone(),
        vars: cli.var.clone(),
        ..Options::default()
    };
    if cli.lsp {
        // As the protocol asks: 0 after shutdown and exit, 1 otherwise.
        return match irlint::lsp::run(options) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                print_error(error);
                ExitCode::FAILURE
            }
        };
    }
    let paths = match &cli.stdin_filename {
        Some(path) => match read_standard_input(&cli.paths) {
            Ok(text) => {
                options.overlay.insert(path.clone(), text);
                vec![path.clone()]
            }
            Err(error) => {
                print_error(error);
                return ExitCode::from(EXIT_ERROR);
            }
        },
        None if cli.paths.iter().any(|path| path.as_os_str() == "-") => {
            print_error(
                "`-` (standard input) needs --stdin-filename PATH: the path says what the text is and which unit it belongs to",
            );
            return ExitCode::from(EXIT_ERROR);
        }
        None => cli.paths.clone(),
    };
    if cli.diff {
        return show_fixes(&paths, &options);
    }
    let run = match cli.fix {
        true => fix::prepare(&paths, &options)
            .and_then(|fixes| fixes.write(&paths, &options))
            .map(|fixes| {
                for not_written in &fixes.not_written {
                    eprintln!("warning: {}", printable(&not_written.to_string()));
                }
                let summary = fixes.summary();
                (fixes.outcome, Some(summary))
            }),
        false => lint::run(&paths, &options).map(|outcome| (outcome, None)),
    };
    let (outcome, fix_summary) = match run {
        Ok(run) => run,
        Err(error) => {
            print_error(error);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    match write_report(&cli, &outcome) {
        // The reader has all it wanted (`irlint | head`): the run itself went through.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(error) => {
            let to = match report_file(&cli) {
                Some(path) => format!(" to {}", display_path(path)),
                None => String::new(),
            };
            print_error(format_args!("cannot write the report{to}: {error}"));
            return ExitCode::from(EXIT_ERROR);
        }
        Ok(()) => {}
    }
    match fix_summary {
        Some(summary) if cli.quiet => drop(summary),
        // After the report's own summary, as another line of it.
        Some(summary) if cli.format == OutputFormat::Text && report_file(&cli).is_none() => {
            println!("{summary}");
        }
        Some(summary) => eprintln!("{summary}"),
        None => {}
    }
    if let Some(path) = &cli.write_baseline {
        if let Err(error) = write_baseline(path, &outcome) {
            let path = display_path(path);
            print_error(format_args!("cannot write the baseline to {path}: {error}"));
            return ExitCode::from(EXIT_ERROR);
        }
        let findings = match outcome.findings.len() {
            1 => "1 finding".to_owned(),
            n => format!("{n} findings"),
        };
        eprintln!(
            "irlint: wrote {findings} to the baseline {}",
            printable(&display_path(path))
        );
    }
    let fail_level = match cli.fail_level {
        // Every finding is in the baseline just written.
        _ if cli.write_baseline.is_some() => None,
        _ if cli.exit_zero => None,
        FailLevel::Never => None,
        FailLevel::Error => Some(Level::Error),
        FailLevel::Warning => Some(Level::Warning),
        FailLevel::Note => Some(Level::Note),
    };
    let code = ExitCode::from(exit_code(&outcome, fail_level));
    // The process ends here: freeing every unit's model and findings would only cost time.
    std::mem::forget(outcome);
    code
}

/// `--diff`: the fixes as a unified diff on standard output, and on standard error how many
/// findings they fix; 1 when there is a fix, 2 when a file could not be read or parsed.
fn show_fixes(paths: &[PathBuf], options: &Options) -> ExitCode {
    let fixes = match fix::prepare(paths, options) {
        Ok(fixes) => fixes,
        Err(error) => {
            print_error(error);
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let mut out = std::io::stdout().lock();
    match out
        .write_all(fixes.diff().as_bytes())
        .and_then(|()| out.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            print_error(format_args!("cannot write the diff: {error}"));
            return ExitCode::from(EXIT_ERROR);
        }
        _ => {}
    }
    eprintln!("{}", fixes.preview_summary());
    for error in &fixes.outcome.errors {
        print_error(format_args!("{}: {}", error.path, error.message));
    }
    if !fixes.outcome.errors.is_empty() {
        ExitCode::from(EXIT_ERROR)
    } else if fixes.files.is_empty() {
        ExitCode::from(EXIT_CLEAN)
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}

fn explain(rule: &str) -> ExitCode {
    match rules::find(rule) {
        Some(rule) => {
            print!("{}", rule.meta().doc);
            ExitCode::from(EXIT_CLEAN)
        }
        None => {
            print_error(format_args!(
                "no rule `{rule}`; `irlint --list-rules` lists them"
            ));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn init() -> ExitCode {
    match config::init(Path::new(".")) {
        Ok(path) => {
            println!("wrote {}", display_path(&path));
            ExitCode::from(EXIT_CLEAN)
        }
        Err(error) => {
            print_error(error);
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Prints an error on standard error, which CI logs show. Errors quote paths, git's messages and
/// configuration text, which a pull request controls: they are escaped as the report is.
fn print_error(error: impl std::fmt::Display) {
    eprintln!("error: {}", printable(&error.to_string()));
}

/// The text of standard input, which `paths` must name as `-` (or name nothing): at most
/// [`lint::MAX_PLAN_SIZE`] bytes of UTF-8, the most irlint reads of any file.
fn read_standard_input(paths: &[PathBuf]) -> Result<String, String> {
    let only_standard_input = match paths {
        [path] => path.as_os_str() == "-" || path.as_os_str() == ".",
        _ => false,
    };
    if !only_standard_input {
        return Err(
            "--stdin-filename lints standard input alone: give `-` as the only path".into(),
        );
    }
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::io::stdin().lock(), lint::MAX_PLAN_SIZE + 1),
        &mut bytes,
    )
    .map_err(|error| format!("cannot read standard input: {error}"))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > lint::MAX_PLAN_SIZE {
        return Err(format!(
            "standard input is larger than {} MiB, the most irlint reads of a file",
            lint::MAX_PLAN_SIZE / (1024 * 1024)
        ));
    }
    String::from_utf8(bytes).map_err(|_| "standard input is not UTF-8 text".to_owned())
}

/// The file `--output` names; `-o -` writes to standard output, as no `--output` does.
fn report_file(cli: &Cli) -> Option<&Path> {
    cli.output.as_deref().filter(|path| path.as_os_str() != "-")
}

/// Writes the findings as a JSON report, which `--baseline` reads.
fn write_baseline(path: &Path, outcome: &Outcome) -> std::io::Result<()> {
    let mut file = ReportFile::create(path)?;
    report::json::render(outcome, file.writer(), SuppressedFindings::Omit)?;
    file.persist()
}

fn write_report(cli: &Cli, outcome: &Outcome) -> std::io::Result<()> {
    match report_file(cli) {
        Some(path) => {
            let mut report = ReportFile::create(path)?;
            render(cli, outcome, report.writer())?;
            report.persist()
        }
        // Standard output is flushed at every line end; a report of thousands of lines is
        // written in large pieces instead.
        None => render(
            cli,
            outcome,
            &mut std::io::BufWriter::new(std::io::stdout().lock()),
        ),
    }
}

/// A report written to a new file beside its target, which takes the target's place only once
/// it is whole. The target is replaced, never written through: a pull request may have made it
/// a symbolic link to a file anywhere, which is refused. A device or a named pipe (`/dev/null`,
/// `/dev/stdout`), which no commit can hold, is written to as it is.
enum ReportFile {
    Replacing(Replacement),
    Direct(std::io::BufWriter<std::fs::File>),
}

impl ReportFile {
    fn create(target: &Path) -> std::io::Result<ReportFile> {
        let refuse = |what: &str| {
            std::io::Error::other(format!(
                "{} is {what}: irlint writes a report to a regular file, a new one or a device, \
                 never through a symbolic link",
                display_path(target)
            ))
        };
        match target.symlink_metadata() {
            Ok(metadata) if metadata.is_symlink() => return Err(refuse("a symbolic link")),
            Ok(metadata) if metadata.is_dir() => return Err(refuse("a directory")),
            Ok(metadata) if !metadata.is_file() => {
                let file = std::fs::OpenOptions::new().write(true).open(target)?;
                return Ok(ReportFile::Direct(std::io::BufWriter::new(file)));
            }
            _ => {}
        }
        let replacement = Replacement::beside(target, ".irlint-report-", None)?;
        Ok(ReportFile::Replacing(replacement))
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            ReportFile::Replacing(replacement) => replacement.writer(),
            ReportFile::Direct(writer) => writer,
        }
    }

    fn persist(self) -> std::io::Result<()> {
        match self {
            ReportFile::Replacing(replacement) => replacement.persist()?,
            ReportFile::Direct(mut writer) => writer.flush()?,
        }
        Ok(())
    }
}

fn render(cli: &Cli, outcome: &Outcome, out: &mut dyn Write) -> std::io::Result<()> {
    let suppressed = if cli.include_suppressed {
        SuppressedFindings::Include
    } else {
        SuppressedFindings::Omit
    };
    match cli.format {
        OutputFormat::Text => {
            let color = match cli.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    report_file(cli).is_none()
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let unchecked = match cli.show_unknown {
                true => UncheckedNotes::Show,
                false => UncheckedNotes::Count,
            };
            match (cli.statistics, cli.quiet) {
                (true, _) => report::statistics::render_text(outcome, out)?,
                (false, true) => report::text::render_diagnostics(outcome, out, color, unchecked)?,
                (false, false) => report::text::render(outcome, out, color, unchecked)?,
            }
        }
        OutputFormat::Json if cli.statistics => report::statistics::render_json(outcome, out)?,
        OutputFormat::Json => report::json::render(outcome, out, suppressed)?,
        OutputFormat::Sarif => report::sarif::render(outcome, out, suppressed)?,
        OutputFormat::Github if cli.quiet => report::github::render_annotations(outcome, out)?,
        OutputFormat::Github => report::github::render(outcome, out)?,
    }
    out.flush()
}

fn exit_code(outcome: &Outcome, fail_level: Option<Level>) -> u8 {
    if !outcome.errors.is_empty() {
        EXIT_ERROR
    } else if (outcome.findings.iter()).any(|f| fail_level.is_some_and(|level| f.level >= level)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_checked_against_those_aws_has() {
        assert!(parse_region("us-east-1").is_ok());
        assert!(parse_region("us-gov-west-1").is_ok());
        assert!(parse_region("useast1").is_err());
        assert!(parse_region("us-east-").is_err());
        assert!(parse_region("US-EAST-1").is_err());
        // Well shaped, but misspelt: IRL003 would advise adding it to the set.
        assert_eq!(
            parse_region("us-esat-1"),
            Err("`us-esat-1` is not a region AWS has: did you mean `us-east-1`?".to_owned())
        );
    }

    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
