//! Signing in with your own credentials, against moto with IAM authentication enforced.

use crate::common;

use crate::common::{moto_with_users, Options, TestApp, HOST};
use app::auth::ssr::{sign_in, AuthSettings, SignInInput};
use http::{header, Request, StatusCode};
use std::sync::Arc;
use std::time::Duration;

#[tokio::test]
async fn a_wrong_secret_is_refused_with_the_aws_code_and_no_session() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("wrong")).await;
    let reply = app.try_sign_in(&users.alice, Some("not-the-secret"), None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location.as_deref(), Some("/sign-in?next=/instances"));
    let cookie = reply.cookie.expect("a pre-sign-in session holding the message");

    let page = app.get("/sign-in?next=/instances", Some(&cookie)).await;
    assert!(page.body.contains("AuthFailure"), "AWS code not shown");
    assert!(
        page.body.contains(&users.alice.access_key_id),
        "the access key ID typed was lost"
    );
    assert!(
        !page.body.contains("not-the-secret"),
        "the secret was echoed back"
    );

    let instances = app.get("/instances", Some(&cookie)).await;
    assert_eq!(
        instances.status,
        StatusCode::SEE_OTHER,
        "a failed sign-in must not create a signed-in session"
    );
}

#[tokio::test]
async fn sign_in_cycles_the_session_id_and_sets_a_hardened_cookie() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("cookie")).await;
    let before = app
        .try_sign_in(&users.alice, Some("wrong"), None)
        .await
        .cookie
        .unwrap();
    let reply = app.try_sign_in(&users.alice, None, Some(&before)).await;
    assert_eq!(reply.location.as_deref(), Some("/instances"));
    let after = reply.cookie.clone().expect("a new session cookie");
    assert_ne!(before, after, "the session ID was not cycled at sign-in");

    let set_cookie = reply
        .set_cookies
        .iter()
        .find(|c| c.starts_with("__Host-ec2c-session="))
        .expect("session cookie");
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(
            set_cookie.contains(attribute),
            "{attribute} missing in {set_cookie}"
        );
    }
    assert!(!set_cookie.contains("Domain="), "__Host- cookies have no Domain");

    assert_eq!(app.get("/instances", Some(&after)).await.status, StatusCode::OK);
    assert_eq!(
        app.get("/instances", Some(&before)).await.status,
        StatusCode::SEE_OTHER,
        "old ID still valid"
    );
}

#[tokio::test]
async fn the_restricted_user_is_not_permitted_to_terminate_and_nothing_changes() {
    let (moto, users, id) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("deny")).await;
    let settings = AuthSettings {
        cipher: Arc::new(app::cipher::SessionCipher::new(
            &app::cipher::SessionCipher::generate_key(),
        )),
        absolute_timeout: Duration::from_secs(3600),
        server_read_only: false,
    };
    let bob = sign_in(
        &app.aws,
        &settings,
        SignInInput {
            access_key_id: users.bob.access_key_id.clone(),
            secret_access_key: users.bob.secret_access_key.clone().into(),
            session_token: None,
            region: "us-east-1".into(),
            mfa_serial: None,
            mfa_code: None,
        },
    )
    .await
    .expect("bob signs in");
    assert_eq!(bob.arn, users.bob.arn);
    let creds = settings.cipher.open(&bob.access_key_id, &bob.sealed).unwrap();
    let err = app
        .aws
        .ec2_as(&creds, &bob.account, "us-east-1")
        .terminate_instances()
        .instance_ids(&id)
        .send()
        .await
        .map_err(app::error::AppError::from)
        .expect_err("bob may not terminate");
    assert!(err.is_not_permitted(), "unexpected error: {err:?}");

    let state = moto
        .ec2_as(&users.alice, "us-east-1")
        .await
        .describe_instances()
        .instance_ids(&id)
        .send()
        .await
        .unwrap();
    let instance = &state.reservations()[0].instances()[0];
    assert_eq!(instance.state().unwrap().name().unwrap().as_str(), "running");
}

#[tokio::test]
async fn cross_site_posts_are_rejected_and_change_nothing() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("csrf")).await;
    let form = format!(
        "access_key_id={}&secret_access_key={}&region=us-east-1",
        users.alice.access_key_id,
        common::urlencode(&users.alice.secret_access_key)
    );
    let evil = Request::post("/auth/sign-in")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, "http://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(form.clone()))
        .unwrap();
    let reply = app.send(evil).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.cookie.is_none(), "a session was created");

    let cookie = app.sign_in(&users.alice).await;
    let cross = Request::post("/auth/sign-out")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, common::ORIGIN)
        .header("sec-fetch-site", "cross-site")
        .header(header::COOKIE, &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(cross).await.status, StatusCode::FORBIDDEN);
    let no_origin = Request::post(<app::instances::ListInstances as leptos::server_fn::ServerFn>::PATH)
        .header(header::HOST, HOST)
        .header(header::COOKIE, &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(no_origin).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get("/instances", Some(&cookie)).await.status,
        StatusCode::OK,
        "still signed in"
    );
}

#[tokio::test]
async fn repeated_attempts_are_rate_limited_with_the_wait() {
    let (moto, users, _) = moto_with_users().await;
    let mut options = Options::new("ratelimit");
    options.per_key_per_min = 2;
    let app = TestApp::new(&moto, &options).await;
    let cookie = app
        .try_sign_in(&users.alice, Some("x"), None)
        .await
        .cookie
        .unwrap();
    app.try_sign_in(&users.alice, Some("y"), Some(&cookie)).await;
    app.get("/sign-in", Some(&cookie)).await;
    let third = app.try_sign_in(&users.alice, None, Some(&cookie)).await;
    assert_eq!(
        third.location.as_deref(),
        Some("/sign-in?next=/instances"),
        "the limit did not hold"
    );
    let page = app.get("/sign-in", Some(&cookie)).await;
    assert!(page.body.contains("try again in"), "no wait given: {}", page.body);
}

#[tokio::test]
async fn a_session_past_its_absolute_timeout_goes_back_to_sign_in() {
    let (moto, users, _) = moto_with_users().await;
    let mut options = Options::new("expiry");
    options.absolute_timeout = Duration::from_secs(1);
    let app = TestApp::new(&moto, &options).await;
    let cookie = app.sign_in(&users.alice).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let reply = app.get("/instances", Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert!(reply.location.unwrap().starts_with("/sign-in"));
}

#[tokio::test]
async fn signing_out_ends_only_that_session() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("signout")).await;
    let alice = app.sign_in(&users.alice).await;
    let bob = app.sign_in(&users.bob).await;
    assert!(app
        .get("/instances", Some(&bob))
        .await
        .body
        .contains(&users.bob.arn));

    let reply = app.post_form("/auth/sign-out", "", Some(&alice)).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers["clear-site-data"], "\"cache\", \"cookies\"");
    assert!(reply
        .set_cookies
        .iter()
        .any(|c| c.starts_with("__Host-ec2c-session=;") && c.contains("Max-Age=0") && c.contains("Secure")));

    assert_eq!(
        app.get("/instances", Some(&alice)).await.status,
        StatusCode::SEE_OTHER
    );
    let bob_page = app.get("/instances", Some(&bob)).await;
    assert_eq!(bob_page.status, StatusCode::OK);
    assert!(bob_page.body.contains(&users.bob.arn) && !bob_page.body.contains(&users.alice.arn));
}

#[tokio::test]
async fn read_only_mode_is_per_session_and_shown() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("readonly")).await;
    let cookie = app.sign_in(&users.alice).await;
    assert!(app
        .get("/instances", Some(&cookie))
        .await
        .body
        .contains("Read-only: off"));
    app.post_form("/auth/read-only", "enabled=true", Some(&cookie))
        .await;
    assert!(app
        .get("/instances", Some(&cookie))
        .await
        .body
        .contains("Read-only: on"));
    let other = app.sign_in(&users.alice).await;
    assert!(app
        .get("/instances", Some(&other))
        .await
        .body
        .contains("Read-only: off"));
}
