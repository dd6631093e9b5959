use std::ops::Range;

use crate::finding::Finding;
use crate::model::{ReplicationSet, Tag, Unit, Value, View};
use crate::rules::{Rule, listing};
use crate::source::{Sources, Span};

declare_rule! {
    /// A tag key or value holds personal data or a credential.
    SensitiveDataInTags {
        id: "IRL014",
        name: "sensitive-data-in-tags",
        level: Warning,
        summary: "A tag holds an e-mail address, a phone number or a credential",
    }
}

impl Rule for SensitiveDataInTags {
    fn check_set(&self, _view: &View, set: &ReplicationSet, findings: &mut Vec<Finding>) {
        let beside = Beside::of(&set.tags);
        for tag in &set.tags {
            let key_kinds = tag
                .key
                .known()
                .map_or_else(Vec::new, |key| sensitive_data(key, beside));
            if !key_kinds.is_empty() {
                findings.push(finding(
                    &tag.key,
                    format!(
                        "a tag key of replication set `{}` holds {}",
                        set.identity,
                        nouns(&key_kinds)
                    ),
                    &key_kinds,
                ));
            }
            let Some(value) = tag.value.known() else {
                continue;
            };
            let kinds = sensitive_data(value, beside);
            if kinds.is_empty() {
                continue;
            }
            // A key is named only when it is safe to print.
            let tag_name = match tag.key.known() {
                Some(key) if key_kinds.is_empty() => format!("tag `{key}`"),
                _ => "a tag".to_owned(),
            };
            findings.push(finding(
                &tag.value,
                format!(
                    "the value of {tag_name} of replication set `{}` holds {}",
                    set.identity,
                    nouns(&kinds)
                ),
                &kinds,
            ));
        }
    }
}

/// A finding at the use of a tag key or value, relating where it is written. The text itself is
/// never repeated: it is what must not be copied further.
fn finding(value: &Value<String>, message: String, kinds: &[Sensitive]) -> Finding {
    let mut finding = Finding::new(&META, value.span, message)
        .label(nouns(kinds))
        .help(
            "keep personal data and credentials out of tags, which feed billing and diagnostic \
             logs: name a team or a role instead of a person, and keep credentials in a secret \
             store",
        );
    if let Some(definition) = value.definition() {
        finding = finding.related(definition, "written here");
    }
    finding
}

/// A kind of sensitive data that a tag may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sensitive {
    EmailAddress,
    PhoneNumber,
    AccessKeyId,
    Secret,
}

impl Sensitive {
    fn noun(self) -> &'static str {
        match self {
            Sensitive::EmailAddress => "an e-mail address",
            Sensitive::PhoneNumber => "a phone number",
            Sensitive::AccessKeyId => "an AWS access key id",
            Sensitive::Secret => "a secret-looking string",
        }
    }
}

/// `an e-mail address`, `an e-mail address and a phone number`.
fn nouns(kinds: &[Sensitive]) -> String {
    let nouns: Vec<&str> = kinds.iter().map(|kind| kind.noun()).collect();
    listing(&nouns, "and")
}

/// What the other tags of a set hold, which tells what a token may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Beside {
    /// An access key id, in some tag's key or value: a secret access key may be beside it.
    AccessKeyId,
    Nothing,
}

impl Beside {
    fn of(tags: &[Tag]) -> Beside {
        let texts = tags.iter().flat_map(|tag| [&tag.key, &tag.value]);
        let mut texts = texts.filter_map(|value| value.known());
        if texts.any(|text| tokens(text).any(|(_, token)| holds_access_key_id(token))) {
            Beside::AccessKeyId
        } else {
            Beside::Nothing
        }
    }
}

/// The kinds of sensitive data a text holds, each once.
fn sensitive_data(text: &str, beside: Beside) -> Vec<Sensitive> {
    let (mut access_key_id, mut secret) = (false, false);
    for (_, kind) in credentials(text, beside) {
        access_key_id |= kind == Sensitive::AccessKeyId;
        secret |= kind == Sensitive::Secret;
        if access_key_id && secret {
            break;
        }
    }
    [
        (Sensitive::EmailAddress, has_email_address(text)),
        (Sensitive::PhoneNumber, has_phone_number(text)),
        (Sensitive::AccessKeyId, access_key_id),
        (Sensitive::Secret, secret),
    ]
    .into_iter()
    .filter_map(|(kind, found)| found.then_some(kind))
    .collect()
}

/// Where the credentials in the tags of a unit's replication sets are written, as this rule
/// judges them whether or not it runs: reports mask them in the source they show. A credential
/// in a string written as it is (plain or between quotes) is its token; in one written any other
/// way (escapes, interpolations), where its characters cannot be placed, the whole expression.
pub fn credential_spans(unit: &Unit, sources: &Sources) -> Vec<Span> {
    let mut spans = Vec::new();
    let values = (unit.replication_sets.iter()).flat_map(|set| {
        let beside = Beside::of(&set.tags);
        (set.tags.iter()).flat_map(move |tag| [(&tag.key, beside), (&tag.value, beside)])
    });
    for (value, beside) in values {
        let Some(text) = value.known() else {
            continue;
        };
        let mut tokens = credentials(text, beside).map(|(token, _)| token).peekable();
        if tokens.peek().is_none() {
            continue;
        }
        let written = value.written();
        match sources.get(written.file).string_contents(written, text) {
            Some(contents) => spans.extend(tokens.map(|token| {
                Span::new(
                    written.file,
                    contents.start + token.start,
                    contents.start + token.end,
                )
            })),
            None => spans.push(written),
        }
    }
    spans
}

/// The tokens of a text that hold a credential, with the kind of each. A token that holds an
/// access key id is one, not a secret besides; each token is judged on its own words (a value
/// may hold tens of thousands of them), and on what the set's other tags hold. An ARN names a
/// resource: its parts are not secrets, however they look.
fn credentials(text: &str, beside: Beside) -> impl Iterator<Item = (Range<usize>, Sensitive)> + '_ {
    let may_hold_secrets = !text.starts_with("arn:");
    tokens(text).filter_map(move |(start, token)| {
        let secret_access_key = || {
            beside == Beside::AccessKeyId && token.split(['=', '_', '-']).any(is_secret_access_key)
        };
        let kind = if holds_access_key_id(token) {
            Sensitive::AccessKeyId
        } else if may_hold_secrets && (is_secret(token) || secret_access_key()) {
            Sensitive::Secret
        } else {
            return None;
        };
        Some((start..start + token.len(), kind))
    })
}

/// The runs of base64 characters in a text, and where each starts.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Base64 characters are ASCII: a run starts and ends on character boundaries.
    std::iter::from_fn(move || {
        let start = from + bytes[from..].iter().position(|&b| is_base64(b))?;
        let end = bytes[start..]
            .iter()
            .position(|&b| !is_base64(b))
            .map_or(bytes.len(), |length| start + length);
        from = end;
        Some((start, &text[start..end]))
    })
}

/// The characters of base64 and base64url, of which credentials are made.
fn is_base64(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'_' | b'-')
}

/// Whether a token holds an access key id, alone or joined to other words.
fn holds_access_key_id(token: &str) -> bool {
    token.split(['+', '/', '=', '_', '-']).any(is_access_key_id)
}

/// The shape of an AWS secret access key: 40 characters of base64 (`/` and `+` among them, no
/// padding) that mix capitals and small letters with digits or `/` or `+`. Alone, such a word
/// may be a name; beside an access key id it is the key's secret, whatever words it spells
/// (AWS's documented example, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`, ends in `EXAMPLEKEY`,
/// which [`is_secret`] takes for words).
fn is_secret_access_key(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() == 40
        && (bytes.iter()).all(|&b| b.is_ascii_alphanumeric() || b == b'/' || b == b'+')
        && bytes.iter().any(u8::is_ascii_uppercase)
        && bytes.iter().any(u8::is_ascii_lowercase)
        && (bytes.iter()).any(|&b| b.is_ascii_digit() || b == b'/' || b == b'+')
}

/// An AWS access key id: `AKIA` (long-term) or `ASIA` (temporary) and 16 more capitals or
/// digits.
fn is_access_key_id(word: &str) -> bool {
    word.len() == 20
        && (word.starts_with("AKIA") || word.starts_with("ASIA"))
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// `local@domain.tld`: a local part, and a domain of at least two labels whose last is a word of
/// two letters or more (so that `pkg@1.2.3` and `image@sha256` are no addresses).
fn has_email_address(text: &str) -> bool {
    text.match_indices('@').any(|(at, _)| {
        let local_part = text[..at]
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || "._%+-".contains(c)))
            .next()
            .unwrap_or_default();
        let domain = text[at + 1..]
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .next()
            .unwrap_or_default()
            .trim_end_matches('.');
        let labels: Vec<&str> = domain.split('.').collect();
        let well_formed_label =
            |label: &&str| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-');
        !local_part.trim_matches('.').is_empty()
            && labels.len() >= 2
            && labels.iter().all(well_formed_label)
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
    })
}

/// A phone number: `+` and 8 to 15 digits, grouped or not (E.164: `+4799887766`,
/// `+1 555 123 4567`), or the North American `555-123-4567` (also with dots or spaces, the
/// same separator twice). Other runs of digits are not taken for phone numbers: cost centers,
/// account ids, dates, versions and addresses have no `+` and no 3-3-4 grouping.
fn has_phone_number(text: &str) -> bool {
    number_runs(text).iter().any(|run| {
        let digits: usize = run.groups.iter().map(|group| group.len()).sum();
        if run.international {
            return (8..=15).contains(&digits) && !run.groups[0].starts_with('0');
        }
        let lengths: Vec<usize> = run.groups.iter().map(|group| group.len()).collect();
        lengths == [3, 3, 4] && run.separators.windows(2).all(|pair| pair[0] == pair[1])
    })
}

/// Digits in groups separated by one space, dash or dot, perhaps after a `+`, standing apart
/// from letters and other digits.
struct NumberRun<'a> {
    international: bool,
    groups: Vec<&'a str>,
    separators: Vec<u8>,
}

fn number_runs(text: &str) -> Vec<NumberRun<'_>> {
    let bytes = text.as_bytes();
    let digits_from = |start: usize| {
        start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count()
    };
    let mut runs = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let international = bytes[at] == b'+';
        let first_digit = at + usize::from(international);
        let starts_a_run = bytes.get(first_digit).is_some_and(u8::is_ascii_digit)
            && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric());
        if !starts_a_run {
            at += 1;
            continue;
        }
        let mut run = NumberRun {
            international,
            groups: Vec::new(),
            separators: Vec::new(),
        };
        let mut start = first_digit;
        loop {
            let end = digits_from(start);
            run.groups.push(&text[start..end]);
            at = end;
            match (bytes.get(end), bytes.get(end + 1)) {
                (Some(&separator @ (b' ' | b'-' | b'.')), Some(next)) if next.is_ascii_digit() => {
                    run.separators.push(separator);
                    start = end + 1;
                }
                _ => break,
            }
        }
        if !bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            runs.push(run);
        }
    }
    runs
}

/// A token that looks like a generated secret: at least 20 characters of base64 that mix capitals,
/// small letters and digits, with a Shannon entropy of at least 3.5 bits a character, and that
/// are not made of words.
fn is_secret(token: &str) -> bool {
    const MIN_LENGTH: usize = 20;
    // Random base64 text of 20 characters has about 4 bits a character; repeated patterns
    // (`Ab1Ab1Ab1…`) have far less.
    const MIN_ENTROPY: f64 = 3.5;
    // Random text breaks into runs of letters of one case or of digits of under 2 characters
    // on average (95% of random 20-character strings stay under 2.5); names, CamelCase
    // identifiers, dates and versions break into words of 3 characters or more.
    const MAX_MEAN_WORD_LENGTH: f64 = 2.5;
    token.len() >= MIN_LENGTH
        && token.bytes().any(|b| b.is_ascii_uppercase())
        && token.bytes().any(|b| b.is_ascii_lowercase())
        && token.bytes().any(|b| b.is_ascii_digit())
        && shannon_entropy(token) >= MIN_ENTROPY
        && mean_word_length(token) < MAX_MEAN_WORD_LENGTH
}

/// Bits of information a character, from the frequencies of the token's own characters.
fn shannon_entropy(token: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in token.bytes() {
        counts[usize::from(b)] += 1;
    }
    let length = token.len() as f64;
    counts
        .iter()
        .filter(|&&count| count > 0)
        .map(|&count| {
            let share = count as f64 / length;
            -share * share.log2()
        })
        .sum()
}

/// The average length of the words of a token: runs of digits, of small letters after at most
/// one capital (`Incident`), or of capitals (`KMS` in `KMSKey`); other characters only separate.
fn mean_word_length(token: &str) -> f64 {
    let bytes = token.as_bytes();
    let run = |from: usize, class: fn(&u8) -> bool| {
        from + bytes[from..].iter().take_while(|b| class(b)).count()
    };
    let (mut words, mut characters, mut at) = (0usize, 0usize, 0usize);
    while at < bytes.len() {
        let start = at;
        at = match bytes[at] {
            b if b.is_ascii_digit() => run(at, u8::is_ascii_digit),
            b if b.is_ascii_lowercase() => run(at, u8::is_ascii_lowercase),
            b if b.is_ascii_uppercase() => {
                let capitals = run(at, u8::is_ascii_uppercase);
                let followed_by_small = bytes.get(capitals).is_some_and(u8::is_ascii_lowercase);
                match (capitals - at, followed_by_small) {
                    (1, true) => run(capitals, u8::is_ascii_lowercase),
                    // `KMSKey`: the last capital starts the next word.
                    (_, true) => capitals - 1,
                    _ => capitals,
                }
            }
            _ => {
                at += 1;
                continue;
            }
        };
        words += 1;
        characters += at - start;
    }
    if words == 0 {
        return 0.0;
    }
    characters as f64 / words as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::fixture::Fixture;
    use crate::frontend::terraform;

    fn kinds(text: &str) -> Vec<Sensitive> {
        sensitive_data(text, Beside::Nothing)
    }

    #[test]
    fn e_mail_addresses() {
        for text in [
            "jane.doe@example.com",
            "owner: ops+incidents@mail.example.co.uk",
        ] {
            assert_eq!(kinds(text), [Sensitive::EmailAddress], "{text}");
        }
        for text in [
            "team@",
            "@example.com",
            "pkg@1.2.3",
            "image@sha256",
            "a@b.c",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn phone_numbers() {
        for text in [
            "+4799887766",
            "+47 998 87 766",
            "+1-555-123-4567",
            "555-123-4567",
            "call 555.123.4567",
            "555 123 4567",
        ] {
            assert_eq!(kinds(text), [Sensitive::PhoneNumber], "{text}");
        }
        for text in [
            "1234",
            "CC-1234",
            "123456789012",
            "2024-01-15",
            "15.01.2024",
            "1.2.3",
            "v10.4.12",
            "10.0.0.1",
            "192.168.100.200",
            "555-123.4567",
            "+1",
            "+0123456789",
            "x555-123-4567",
            "5551234567",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn access_key_ids() {
        for text in ["AKIAIOSFODNN7EXAMPLE", "key ASIAIOSFODNN7EXAMPLE in use"] {
            assert_eq!(kinds(text), [Sensitive::AccessKeyId], "{text}");
        }
        for text in [
            "AKIAIOSFODNN7EXAMPL",
            "AKIAIOSFODNN7EXAMPLEX",
            "AKIAiosfodnn7example",
        ] {
            assert!(!kinds(text).contains(&Sensitive::AccessKeyId), "{text}");
        }
    }

    #[test]
    fn secret_looking_strings() {
        for text in [
            "q8Vz2LrT0wXe5NbKy7Hd4PcA",
            "Zk3/pQ9+xW2vR7tYb1Lm8Nc4Hs6Jd0Fg5U==",
            "token tok_R4nD0mT0k3nV4lu3xQ9zW2pL7sK1m",
        ] {
            assert_eq!(kinds(text), [Sensitive::Secret], "{text}");
        }
        for text in [
            "platform-reliability-engineering",
            "IncidentManagerReplicationSet2024",
            "Release-2024-01-15-Build42",
            "EU-West-1-Prod-Stack-20240115",
            "123e4567-e89b-12d3-a456-426614174000",
            "9fceb02d0ae598e95dc970b74767f19372d61af8",
            "arn:aws:iam::123456789012:role/service-role/IncidentResponseRole2024",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "Ab1Ab1Ab1Ab1Ab1Ab1Ab1Ab1",
            "supercalifragilisticexpialidocious",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    /// AWS's documented example pair, which the word test alone takes for words.
    const EXAMPLE_SECRET_ACCESS_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    #[test]
    fn a_secret_access_key_is_a_secret_beside_an_access_key_id() {
        let beside = |text: &str| sensitive_data(text, Beside::AccessKeyId);
        for text in [
            EXAMPLE_SECRET_ACCESS_KEY,
            "secret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "key: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        ] {
            assert_eq!(beside(text), [Sensitive::Secret], "{text}");
        }
        // Alone, its words make the first a name; the second example AWS documents looks
        // generated enough without them.
        assert_eq!(kinds(EXAMPLE_SECRET_ACCESS_KEY), []);
        assert_eq!(
            kinds("je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"),
            [Sensitive::Secret]
        );
        for text in [
            // 40 characters, but a commit hash, a name of words, one of 39 characters.
            "9fceb02d0ae598e95dc970b74767f19372d61af8",
            "IncidentManagerReplicationSetOfProdTeams",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE",
            "arn:aws:iam::123456789012:role/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ] {
            assert_eq!(beside(text), [], "{text}");
        }
    }

    #[test]
    fn an_access_key_id_in_any_tag_of_the_set_is_beside_the_others() {
        let span = Span::new(crate::source::FileId(0), 0, 1);
        let tag = |key: &str, value: &str| Tag {
            span,
            key: Value::literal(span, key.to_owned()),
            value: Value::literal(span, value.to_owned()),
        };
        let owner = tag("Owner", "platform");
        assert_eq!(Beside::of(std::slice::from_ref(&owner)), Beside::Nothing);
        for access in [
            tag("AccessKeyId", "AKIAIOSFODNN7EXAMPLE"),
            tag("AKIAIOSFODNN7EXAMPLE", "rotated"),
            tag("Credentials", "id=AKIAIOSFODNN7EXAMPLE"),
        ] {
            assert_eq!(Beside::of(&[owner.clone(), access]), Beside::AccessKeyId);
        }
    }

    #[test]
    fn an_access_key_id_is_not_also_a_secret() {
        assert_eq!(
            kinds("AKIAIOSFODNN7EXAMPLE and jane@example.com"),
            [Sensitive::EmailAddress, Sensitive::AccessKeyId]
        );
    }

    #[test]
    fn credentials_are_masked_where_they_are_written() {
        let module = r#"variable "key" {
  default = "AKIAIOSFODNN7EXAMPLE"
}
resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  tags = {
    access  = var.key
    secret  = "token q8Vz2LrT0wXe5NbKy7Hd4PcA, AKIAIOSFODNN7EXAMPLE/q8Vz2LrT0wXe5NbKy7Hd4PcA"
    escaped = "q8Vz2LrT0wXe5NbKy7Hd4PcA\u0021"
    arn     = "arn:aws:iam::123456789012:role/q8Vz2LrT0wXe5NbKy7Hd4PcA"
    owner   = "jane.doe@example.com"
  }
}
"#;
        let masked = masked_in(module);
        assert_eq!(
            masked,
            [
                "AKIAIOSFODNN7EXAMPLE",
                "q8Vz2LrT0wXe5NbKy7Hd4PcA",
                "AKIAIOSFODNN7EXAMPLE/q8Vz2LrT0wXe5NbKy7Hd4PcA",
                "\"q8Vz2LrT0wXe5NbKy7Hd4PcA\\u0021\""
            ]
        );
    }

    /// The texts of the credential spans irlint masks in a Terraform module.
    fn masked_in(module: &str) -> Vec<String> {
        let Fixture { sources, parsed } =
            Fixture::parse("m", &[("main.tf", module)], terraform::parse);
        let unit = parsed.unit.expect("a unit");
        let sources = sources
            .into_iter()
            .fold(Sources::default(), |mut all, file| {
                all.add(file);
                all
            });
        credential_spans(&unit, &sources)
            .into_iter()
            .map(|span| sources.text(span).to_owned())
            .collect()
    }

    #[test]
    fn a_secret_access_key_is_masked_beside_its_access_key_id() {
        let module = r#"resource "aws_ssmincidents_replication_set" "main" {
  regions {
    name = "us-east-1"
  }
  tags = {
    AccessKeyId     = "AKIAIOSFODNN7EXAMPLE"
    SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
  }
}
"#;
        let masked = masked_in(module);
        assert_eq!(masked, ["AKIAIOSFODNN7EXAMPLE", EXAMPLE_SECRET_ACCESS_KEY]);
    }

    #[test]
    fn words_are_split_at_case_and_digits() {
        assert_eq!(mean_word_length("KMSKey"), 3.0);
        assert_eq!(mean_word_length("Incident2024"), 6.0);
        assert_eq!(mean_word_length("a1B2"), 1.0);
        assert_eq!(mean_word_length("--"), 0.0);
    }

    #[test]
    fn kinds_read_as_a_list() {
        assert_eq!(nouns(&[Sensitive::Secret]), "a secret-looking string");
        assert_eq!(
            nouns(&[Sensitive::EmailAddress, Sensitive::PhoneNumber]),
            "an e-mail address and a phone number"
        );
    }
}
