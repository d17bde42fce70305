//! Server-only: what a session holds, signing in with STS, and the signed-in caller of a server function.

use super::{Identity, SignInFlash};
use crate::aws::AwsContext;
use crate::cipher::{Credentials, SessionCipher};
use crate::error::AppError;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tower_sessions::Session;

/// Session key of the signed-in user ([`StoredUser`]).
pub const USER_KEY: &str = "user";
/// Session key of the page to return to after signing in.
pub const NEXT_KEY: &str = "next";
/// Session key of the last failed sign-in's message and non-secret fields ([`SignInFlash`]).
pub const FLASH_KEY: &str = "sign_in_flash";

/// The signed-in user as kept in the session record: identity and settings in clear, secrets sealed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredUser {
    /// AWS account ID.
    pub account: String,
    /// The caller's ARN.
    pub arn: String,
    /// The access key ID in use (temporary or long-term).
    pub access_key_id: String,
    /// Secret access key and session token, sealed with the server key.
    pub sealed: String,
    /// The region last chosen.
    pub region: String,
    /// Whether this session is in read-only mode.
    pub read_only: bool,
    /// Whether the credentials are temporary (STS).
    pub temporary: bool,
    /// Unix time after which the session is over (absolute timeout or credential expiry).
    pub expires_at: u64,
}

impl StoredUser {
    /// The browser-safe identity.
    pub fn identity(&self, server_read_only: bool) -> Identity {
        Identity {
            account: self.account.clone(),
            arn: self.arn.clone(),
            region: self.region.clone(),
            read_only: self.read_only || server_read_only,
            server_read_only,
            temporary: self.temporary,
            expires_at: self.expires_at,
        }
    }
}

/// Server-wide sign-in settings, provided to every request.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// Seals the credentials in session records.
    pub cipher: Arc<SessionCipher>,
    /// Longest a session lives, whatever the activity.
    pub absolute_timeout: Duration,
    /// Read-only for everyone.
    pub server_read_only: bool,
}

impl AuthSettings {
    /// The settings provided to this request by the server.
    pub fn current() -> Result<Self, AppError> {
        leptos::prelude::use_context::<Self>()
            .ok_or_else(|| AppError::internal("AuthSettings was not provided to the request"))
    }
}

/// What a person typed into the sign-in form, checked by [`super::validate_sign_in`].
pub struct SignInInput {
    /// Access key ID.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: SecretString,
    /// Session token, for temporary credentials.
    pub session_token: Option<SecretString>,
    /// Default region.
    pub region: String,
    /// MFA device serial or ARN.
    pub mfa_serial: Option<String>,
    /// Current MFA code.
    pub mfa_code: Option<String>,
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// The identity STS reports for `creds`; a rejection is reported with the code AWS gave.
async fn caller_identity(
    aws: &AwsContext,
    creds: &Credentials,
    region: &str,
) -> Result<(String, String), AppError> {
    match aws.sts_as(creds, region).get_caller_identity().send().await {
        Ok(out) => Ok((
            out.account().unwrap_or_default().to_string(),
            out.arn().unwrap_or_default().to_string(),
        )),
        Err(err) => {
            let unparsed_403 = err.raw_response().is_some_and(|r| r.status().as_u16() == 403)
                && aws_sdk_sts::error::ProvideErrorMetadata::code(&err).is_none();
            if !unparsed_403 {
                return Err(err.into());
            }
            // Some endpoints (moto) send STS errors the SDK cannot parse: ask EC2, whose error says why.
            match aws
                .ec2_as(creds, "sign-in", region)
                .describe_regions()
                .send()
                .await
            {
                Err(ec2_err) => Err(ec2_err.into()),
                Ok(_) => Err(AppError::Aws {
                    code: "InvalidClientTokenId".into(),
                    message: crate::tr!(auth.sts_rejected).into(),
                    request_id: None,
                }),
            }
        }
    }
}

/// Validates the credentials with STS; exchanges long-term keys for temporary ones where the endpoint allows.
pub async fn sign_in(
    aws: &AwsContext,
    settings: &AuthSettings,
    input: SignInInput,
) -> Result<StoredUser, AppError> {
    let given = Credentials {
        access_key_id: input.access_key_id.clone(),
        secret_access_key: input.secret_access_key,
        session_token: input.session_token,
    };
    let (account, arn) = caller_identity(aws, &given, &input.region).await?;
    let mut expires_at = now() + settings.absolute_timeout.as_secs();
    let mut creds = given.clone();
    let mut temporary = given.session_token.is_some();
    if given.access_key_id.starts_with("AKIA") && given.session_token.is_none() {
        let exchange = aws
            .sts_as(&given, &input.region)
            .get_session_token()
            .duration_seconds(settings.absolute_timeout.as_secs().clamp(900, 129_600) as i32)
            .set_serial_number(input.mfa_serial.clone())
            .set_token_code(input.mfa_code.clone())
            .send()
            .await;
        match exchange {
            Ok(out) => match out.credentials() {
                Some(c) => {
                    let temp = Credentials {
                        access_key_id: c.access_key_id().to_string(),
                        secret_access_key: c.secret_access_key().to_string().into(),
                        session_token: Some(c.session_token().to_string().into()),
                    };
                    // Only keep the temporary credentials if they work on this endpoint.
                    match caller_identity(aws, &temp, &input.region).await {
                        Ok(_) => {
                            expires_at = expires_at.min(c.expiration().secs().max(0) as u64);
                            creds = temp;
                            temporary = true;
                        }
                        Err(e) => tracing::warn!(
                            error = %e,
                            "the endpoint's temporary credentials do not work; keeping the long-term keys for this session"
                        ),
                    }
                }
                None => tracing::warn!("GetSessionToken returned no credentials; keeping the long-term keys"),
            },
            Err(e) if input.mfa_serial.is_some() => return Err(e.into()),
            Err(e) => tracing::warn!(
                error = %AppError::from(e),
                "GetSessionToken is not available; keeping the long-term keys for this session"
            ),
        }
    }
    Ok(StoredUser {
        account,
        arn,
        access_key_id: creds.access_key_id.clone(),
        sealed: settings.cipher.seal(&creds)?,
        region: input.region,
        read_only: false,
        temporary,
        expires_at,
    })
}

fn session_error(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "session store");
    AppError::SessionStore(crate::tr!(auth.session_store_no_answer).into())
}

/// The signed-in user of `session`, or `None`; an expired session is ended here.
pub async fn load_user(session: &Session) -> Result<Option<StoredUser>, AppError> {
    let user: Option<StoredUser> = session.get(USER_KEY).await.map_err(session_error)?;
    match user {
        Some(user) if user.expires_at <= now() => {
            session.flush().await.map_err(session_error)?;
            Ok(None)
        }
        other => Ok(other),
    }
}

/// Saves `user` in `session`.
pub async fn store_user(session: &Session, user: &StoredUser) -> Result<(), AppError> {
    session.insert(USER_KEY, user).await.map_err(session_error)
}

/// Takes (and removes) the last failed sign-in's flash.
pub async fn take_flash(session: &Session) -> Result<Option<SignInFlash>, AppError> {
    session.remove(FLASH_KEY).await.map_err(session_error)
}

/// The signed-in caller of a server function: their identity, credentials and session.
pub struct Caller {
    /// The session's user.
    pub user: StoredUser,
    creds: Credentials,
    session: Session,
    settings: AuthSettings,
}

impl Caller {
    /// The caller of the current server function; `NotSignedIn` without a live session.
    pub async fn current() -> Result<Self, AppError> {
        let session: Session = leptos_axum::extract().await.map_err(session_error)?;
        let settings = AuthSettings::current()?;
        let user = load_user(&session).await?.ok_or(AppError::NotSignedIn)?;
        let creds = settings.cipher.open(&user.access_key_id, &user.sealed)?;
        crate::audit::ssr::scope::caller(&user.arn, &user.account, &user.access_key_id);
        Ok(Self {
            user,
            creds,
            session,
            settings,
        })
    }

    /// Resolves the requested region (or the session's), and remembers a new choice in the session.
    /// `all` (every region) means the session's region here: callers that fan out check for it first.
    pub async fn region(&mut self, requested: Option<&str>) -> Result<String, AppError> {
        let aws = AwsContext::current()?;
        let requested = requested.filter(|r| !crate::regions::is_all(Some(r)));
        let region = aws.resolve_region(requested.or(Some(&self.user.region)))?;
        if region != self.user.region {
            self.user.region = region.clone();
            store_user(&self.session, &self.user).await?;
        }
        crate::audit::ssr::scope::region(&region);
        Ok(region)
    }

    /// An EC2 client acting as the caller in `region`.
    pub fn ec2(&self, region: &str) -> Result<aws_sdk_ec2::Client, AppError> {
        Ok(AwsContext::current()?.ec2_as(&self.creds, &self.user.account, region))
    }

    /// A CloudWatch client acting as the caller in `region`.
    pub fn cloudwatch(&self, region: &str) -> Result<aws_sdk_cloudwatch::Client, AppError> {
        Ok(AwsContext::current()?.cloudwatch_as(&self.creds, &self.user.account, region))
    }

    /// Refuses `action` when the session or the server is read-only.
    pub fn require_writable(&self, action: &str) -> Result<(), AppError> {
        if self.user.read_only || self.settings.server_read_only {
            Err(AppError::ReadOnly(action.to_string()))
        } else {
            Ok(())
        }
    }

    /// Declares `action`, a state-changing AWS call, to the audit log (which records it whatever
    /// happens next); refuses it in read-only mode, and while the audit log cannot record it.
    pub async fn act(&self, action: &str) -> Result<(), AppError> {
        crate::audit::ssr::scope::acting(action);
        self.require_writable(action)?;
        crate::audit::ssr::AuditLog::current()?.ready().await
    }

    /// Declares `action`, a change to the console's own state (a saved view), to the audit log;
    /// refuses it while the log cannot record it. Read-only mode does not apply: AWS is not touched.
    pub async fn note(&self, action: &str) -> Result<(), AppError> {
        crate::audit::ssr::scope::acting(action);
        crate::audit::ssr::AuditLog::current()?.ready().await
    }

    /// The browser-safe identity.
    pub fn identity(&self) -> Identity {
        self.user.identity(self.settings.server_read_only)
    }
}
