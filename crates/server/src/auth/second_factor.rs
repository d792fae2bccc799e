//! Codes from an authenticator app (TOTP, RFC 6238: six digits, 30-second steps, HMAC-SHA1,
//! which every authenticator app speaks) and the recovery codes for when the app is lost.
//!
//! A code is accepted for the step before the current one, the current one, or the next
//! (a phone's clock a little out, a code typed as it changes), and never twice: the store
//! remembers the last step accepted and refuses that step and any before it.

use chrono::{DateTime, Utc};
use qrcode::QrCode;
use qrcode::render::svg;
use totp_rs::{Algorithm, Secret, TOTP};

use crate::problem::ApiError;

/// Seconds in a step.
const STEP_SECS: i64 = 30;
/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// The letters recovery codes are made of: no 0/O, 1/I/L, so they can be read back from
/// paper.
const RECOVERY_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// What a person needs to add the service to their authenticator app.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The shared secret, base32, for typing in by hand.
    pub secret: String,
    /// The `otpauth://` address the QR code holds.
    pub address: String,
    /// The QR code, as an SVG image.
    pub qr_svg: String,
}

/// A new shared secret: 160 random bits (RFC 4226's recommended length), base32.
pub fn new_secret() -> Result<String, ApiError> {
    let mut bytes = [0_u8; 20];
    getrandom::fill(&mut bytes).map_err(|_| ApiError::internal())?;
    Ok(Secret::Raw(bytes.to_vec()).to_encoded().to_string())
}

fn totp(secret: &str, issuer: &str, account: &str) -> Result<TOTP, ApiError> {
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .map_err(|_| ApiError::internal_because("a stored authenticator secret is not base32"))?;
    // The issuer and account name are shown by the app; a colon would end them early.
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECS as u64,
        bytes,
        Some(issuer.replace(':', " ")),
        account.replace(':', " "),
    )
    .map_err(|e| ApiError::internal_because(format!("authenticator: {e}")))
}

/// The enrolment for `secret`, labelled with the Compact's name and the person's email.
pub fn enrolment(secret: &str, issuer: &str, account: &str) -> Result<Enrolment, ApiError> {
    let address = totp(secret, issuer, account)?.get_url();
    let qr_svg = QrCode::new(address.as_bytes())
        .map_err(|e| ApiError::internal_because(format!("QR code: {e}")))?
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(Enrolment {
        secret: secret.to_owned(),
        address,
        qr_svg,
    })
}

/// The time step `code` belongs to, when it is right for `secret` at `now` (one step
/// either side allowed); none otherwise.
pub fn matching_step(
    secret: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ApiError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    let totp = totp(secret, "-", "-")?;
    let current = now.timestamp().div_euclid(STEP_SECS);
    Ok((current - 1..=current + 1).find(|step| {
        u64::try_from(step * STEP_SECS)
            .is_ok_and(|at| constant_time_eq(totp.generate(at).as_bytes(), code.as_bytes()))
    }))
}

/// The code `secret`'s app shows at `at` (for tests, and nothing else).
pub fn code_at(secret: &str, at: DateTime<Utc>) -> Result<String, ApiError> {
    let at = u64::try_from(at.timestamp()).map_err(|_| ApiError::internal())?;
    Ok(totp(secret, "-", "-")?.generate(at))
}

/// Whether `a` and `b` are equal, taking as long whatever they hold.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Ten new recovery codes, each twelve letters (59 random bits) in groups of four.
pub fn new_recovery_codes() -> Result<Vec<String>, ApiError> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut letters = Vec::with_capacity(12);
            while letters.len() < 12 {
                let mut bytes = [0_u8; 16];
                getrandom::fill(&mut bytes).map_err(|_| ApiError::internal())?;
                // Bytes past the last whole multiple of 31 would favour the first letters.
                letters.extend(
                    bytes
                        .iter()
                        .filter(|b| **b < 248)
                        .map(|b| char::from(RECOVERY_ALPHABET[usize::from(b % 31)])),
                );
            }
            letters.truncate(12);
            Ok(letters
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-"))
        })
        .collect()
}

/// A recovery code as stored (hashed): upper case, without the spaces and hyphens people
/// type or leave out.
pub fn recovery_key(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn rfc_6238s_own_example_gives_its_code() {
        // RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1, at 59 s
        // gives 94287082 (eight digits); its last six are the six-digit code.
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        let at = Utc.timestamp_opt(59, 0).unwrap();
        assert_eq!(code_at(&secret, at).unwrap(), "287082");
        assert_eq!(matching_step(&secret, "287 082", at).unwrap(), Some(1));
    }

    #[test]
    fn a_code_is_good_for_a_step_either_side_and_no_further() {
        let secret = new_secret().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 10, 0, 15).unwrap();
        let step = now.timestamp() / STEP_SECS;
        for (offset, expected) in [
            (-2, None),
            (-1, Some(step - 1)),
            (0, Some(step)),
            (1, Some(step + 1)),
            (2, None),
        ] {
            let code =
                code_at(&secret, now + chrono::Duration::seconds(offset * STEP_SECS)).unwrap();
            // A code that happens to repeat across steps would make this test lie.
            if offset.abs() == 2 && code == code_at(&secret, now).unwrap() {
                continue;
            }
            assert_eq!(
                matching_step(&secret, &code, now).unwrap(),
                expected,
                "{offset}"
            );
        }
        assert_eq!(matching_step(&secret, "12345", now).unwrap(), None);
        assert_eq!(matching_step(&secret, "abcdef", now).unwrap(), None);
    }

    #[test]
    fn enrolment_holds_the_address_an_app_reads_and_an_svg_of_it() {
        let secret = new_secret().unwrap();
        let enrolment = enrolment(&secret, "Leicestershire: Compact", "jo@example.org").unwrap();
        assert!(
            enrolment.address.starts_with("otpauth://totp/"),
            "{}",
            enrolment.address
        );
        assert!(enrolment.address.contains(&format!("secret={secret}")));
        assert!(enrolment.qr_svg.contains("<svg"));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_readable_codes_matched_however_typed() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        assert_eq!(
            codes
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            10
        );
        for code in &codes {
            assert_eq!(code.len(), 14, "{code}");
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']), "{code}");
        }
        let typed = codes[0].to_lowercase().replace('-', " ");
        assert_eq!(recovery_key(&typed), recovery_key(&codes[0]));
    }
}
