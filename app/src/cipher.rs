//! Server-only: AES-256-GCM sealing of the credentials kept in a session record.
//!
//! A sealed value is `base64(nonce ‖ ciphertext+tag)` with a fresh random 96-bit nonce each time.

use crate::error::AppError;
use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::{engine::general_purpose::STANDARD, Engine as _};
use secrecy::{ExposeSecret, SecretBox, SecretString};
use serde::{Deserialize, Serialize};

/// The AWS credentials of one signed-in person, never sent to the browser or logged.
#[derive(Clone)]
pub struct Credentials {
    /// The access key ID (not a secret; shown to its owner).
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: SecretString,
    /// The session token of temporary credentials.
    pub session_token: Option<SecretString>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"[REDACTED]")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "[REDACTED]"),
            )
            .finish()
    }
}

/// What is sealed: only the secret parts.
#[derive(Serialize, Deserialize)]
struct SealedParts {
    secret: String,
    token: Option<String>,
}

/// Seals and opens credentials with the server's session key.
pub struct SessionCipher {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SessionCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionCipher([REDACTED])")
    }
}

/// Length of the server key in bytes.
pub const KEY_LEN: usize = 32;

impl SessionCipher {
    /// A cipher keyed by `key`.
    pub fn new(key: &SecretBox<[u8; KEY_LEN]>) -> Self {
        Self {
            cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key.expose_secret())),
        }
    }

    /// A fresh random key, for the demo's generated key file.
    pub fn generate_key() -> SecretBox<[u8; KEY_LEN]> {
        let key = Aes256Gcm::generate_key(OsRng);
        SecretBox::new(Box::new(key.into()))
    }

    /// Seals the secret parts of `creds`.
    pub fn seal(&self, creds: &Credentials) -> Result<String, AppError> {
        let parts = SealedParts {
            secret: creds.secret_access_key.expose_secret().to_string(),
            token: creds
                .session_token
                .as_ref()
                .map(|t| t.expose_secret().to_string()),
        };
        let plaintext = SecretString::from(serde_json::to_string(&parts).map_err(AppError::internal)?);
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher
            .encrypt(&nonce, plaintext.expose_secret().as_bytes())
            .map_err(|_| AppError::internal("sealing credentials failed"))?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        Ok(STANDARD.encode(out))
    }

    /// Opens a sealed value; fails on a wrong key or any tampering.
    pub fn open(&self, access_key_id: &str, sealed: &str) -> Result<Credentials, AppError> {
        let bytes = STANDARD
            .decode(sealed)
            .map_err(|_| AppError::internal("sealed credentials are not base64"))?;
        if bytes.len() < 12 + 16 {
            return Err(AppError::internal("sealed credentials are truncated"));
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let plaintext = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ciphertext)
            .map_err(|_| AppError::internal("sealed credentials failed authentication"))?;
        let plaintext = SecretString::from(
            String::from_utf8(plaintext)
                .map_err(|_| AppError::internal("sealed credentials are not UTF-8"))?,
        );
        let parts: SealedParts = serde_json::from_str(plaintext.expose_secret())
            .map_err(|_| AppError::internal("sealed credentials are malformed"))?;
        Ok(Credentials {
            access_key_id: access_key_id.to_string(),
            secret_access_key: parts.secret.into(),
            session_token: parts.token.map(Into::into),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Credentials {
        Credentials {
            access_key_id: "AKIAEXAMPLEEXAMPLE01".into(),
            secret_access_key: "very-secret-value".to_string().into(),
            session_token: Some("token-value".to_string().into()),
        }
    }

    #[test]
    fn round_trips_and_hides_the_plaintext() {
        let cipher = SessionCipher::new(&SessionCipher::generate_key());
        let sealed = cipher.seal(&creds()).unwrap();
        assert!(!sealed.contains("very-secret-value"));
        assert!(!String::from_utf8_lossy(&STANDARD.decode(&sealed).unwrap()).contains("very-secret"));
        let opened = cipher.open("AKIAEXAMPLEEXAMPLE01", &sealed).unwrap();
        assert_eq!(opened.secret_access_key.expose_secret(), "very-secret-value");
        assert_eq!(opened.session_token.unwrap().expose_secret(), "token-value");
    }

    #[test]
    fn nonces_are_fresh_each_time() {
        let cipher = SessionCipher::new(&SessionCipher::generate_key());
        assert_ne!(cipher.seal(&creds()).unwrap(), cipher.seal(&creds()).unwrap());
    }

    #[test]
    fn a_wrong_key_or_tampering_is_refused() {
        let cipher = SessionCipher::new(&SessionCipher::generate_key());
        let other = SessionCipher::new(&SessionCipher::generate_key());
        let sealed = cipher.seal(&creds()).unwrap();
        assert!(other.open("AKIA", &sealed).is_err());
        let mut bytes = STANDARD.decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert!(cipher.open("AKIA", &STANDARD.encode(bytes)).is_err());
        assert!(cipher.open("AKIA", "not base64!").is_err());
    }

    #[test]
    fn debug_output_redacts_secrets() {
        let text = format!("{:?}", creds());
        assert!(!text.contains("very-secret-value") && !text.contains("token-value"));
        assert!(text.contains("AKIAEXAMPLEEXAMPLE01"));
    }
}
