use crate::finding::Finding;
use crate::model::{Key, KeyResource, KeyUse, Value, View};
use crate::rules::Rule;
use crate::source::Span;

declare_rule! {
    /// A region uses a key that is not a symmetric encryption key with key material that
    /// AWS KMS generated and holds.
    UnsupportedKey {
        id: "IRL008",
        name: "unsupported-key",
        level: Error,
        summary: "A region's key is asymmetric, an HMAC key, has imported key material or lives in a custom key store",
    }
}

impl Rule for UnsupportedKey {
    fn check(&self, view: &View, findings: &mut Vec<Finding>) {
        for KeyUse {
            entry,
            reference,
            key,
            ..
        } in view.declared_key_uses()
        {
            let problems = problems(key);
            if problems.is_empty() {
                continue;
            }
            let region = view.describe(&view.region(&entry.name));
            let listed: Vec<&str> = problems.iter().map(|(_, what)| what.as_str()).collect();
            let mut finding = Finding::new(
                &META,
                reference.span,
                format!(
                    "{region} uses key `{}`, which Incident Manager cannot use: {}",
                    key.identity,
                    listed.join("; ")
                ),
            )
            .label("not a symmetric encryption key of AWS KMS")
            .help(
                "use a symmetric encryption key (`SYMMETRIC_DEFAULT`, `ENCRYPT_DECRYPT`) whose key material AWS KMS generates",
            );
            for (span, what) in problems {
                finding = finding.related(span, what);
            }
            findings.push(finding);
        }
    }
}

/// What makes a key unusable, each with where the code says so; only known values count.
fn problems(key: &Key) -> Vec<(Span, String)> {
    let mut problems = Vec::new();
    if let Some((span, spec)) = known(&key.spec)
        && spec != "SYMMETRIC_DEFAULT"
    {
        let what = if spec.starts_with("HMAC_") {
            format!("an HMAC key (`{spec}`)")
        } else if spec.starts_with("RSA_") || spec.starts_with("ECC_") || spec == "SM2" {
            format!("an asymmetric key (`{spec}`)")
        } else {
            format!("key spec `{spec}`, not `SYMMETRIC_DEFAULT`")
        };
        problems.push((span, what));
    }
    if let Some((span, usage)) = known(&key.usage)
        && usage != "ENCRYPT_DECRYPT"
    {
        problems.push((span, format!("key usage `{usage}`, not `ENCRYPT_DECRYPT`")));
    }
    if key.resource == KeyResource::ExternalKey {
        problems.push((key.span, "imported key material".to_owned()));
    } else if let Some((span, origin)) = known(&key.origin) {
        let what = match origin {
            "AWS_KMS" => None,
            "EXTERNAL" => Some("imported key material (origin `EXTERNAL`)".to_owned()),
            "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE" => {
                Some(format!("a custom key store (origin `{origin}`)"))
            }
            other => Some(format!("origin `{other}`, not `AWS_KMS`")),
        };
        problems.extend(what.map(|what| (span, what)));
    }
    // Set to anything, even what irlint cannot read (a custom key store resource's id), the key
    // is in a custom key store; front-ends leave it out where it is null or may be.
    if let Some(store) = &key.custom_key_store
        && store.known().is_none_or(|store| !store.is_empty())
    {
        problems.push((store.span, "a custom key store".to_owned()));
    }
    problems
}

/// A string attribute's span and value, when it is set to a known value.
fn known(value: &Option<Value<String>>) -> Option<(Span, &str)> {
    let value = value.as_ref()?;
    Some((value.span, value.known()?.as_str()))
}
