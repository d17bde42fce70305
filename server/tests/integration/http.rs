//! Pages and server functions over HTTP (in-process), signed in against a real moto with IAM auth on.

use crate::common::{moto_with_users, Options, TestApp};
use http::StatusCode;
use leptos::server_fn::ServerFn;

#[tokio::test]
async fn healthz_answers_ok_without_a_session() {
    let (moto, _, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("healthz")).await;
    let reply = app.get("/healthz", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ok");
}

#[tokio::test]
async fn instances_page_is_server_rendered_for_the_signed_in_user() {
    let (moto, users, id) = moto_with_users().await;
    let west = moto.ec2_as(&users.alice, "eu-west-1").await;
    let ami = testkit::any_ami(&west).await;
    testkit::launch(&west, &ami, "west-only", "t3.micro", 1).await;
    let app = TestApp::new(&moto, &Options::new("ssr")).await;
    let cookie = app.sign_in(&users.alice).await;

    let reply = app.get("/instances?region=us-east-1", Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.body.contains("seeded") && reply.body.contains(&id),
        "instance missing from SSR HTML"
    );
    assert!(
        !reply.body.contains("west-only"),
        "another region's instance leaked in"
    );
    assert!(reply.body.contains("1 instance in us-east-1"));
    assert!(
        reply.body.contains(&users.alice.arn),
        "identity missing from the top bar"
    );
    assert!(
        reply.body.contains("/pkg/ec2-console.js"),
        "hydration script not linked"
    );

    let west_page = app.get("/instances?region=eu-west-1", Some(&cookie)).await;
    assert!(west_page.body.contains("west-only"));
}

#[tokio::test]
async fn the_chosen_region_is_remembered_in_the_session() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("region")).await;
    let cookie = app.sign_in(&users.alice).await;
    app.get("/instances?region=eu-west-1", Some(&cookie)).await;
    let reply = app.get("/instances", Some(&cookie)).await;
    assert!(
        reply.body.contains("0 instances in eu-west-1"),
        "region not remembered"
    );
}

#[tokio::test]
async fn a_malformed_region_is_a_named_validation_error() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("badregion")).await;
    let cookie = app.sign_in(&users.alice).await;
    let reply = app.get("/instances?region=not_a_region", Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("role=\"alert\""), "no alert rendered");
    assert!(
        reply.body.contains("region: not a region name"),
        "field not named"
    );
}

#[tokio::test]
async fn without_a_session_pages_redirect_and_server_functions_refuse() {
    let (moto, _, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("anon")).await;
    let reply = app.get("/instances?region=eu-west-1", None).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(
        reply.location.as_deref(),
        Some("/sign-in?next=/instances%3Fregion%3Deu-west-1")
    );

    let reply = app
        .post_form(app::instances::ListInstances::PATH, "region=us-east-1", None)
        .await;
    assert!(reply.status.is_client_error() || reply.status.is_server_error());
    assert!(
        reply.body.contains("NotSignedIn"),
        "unexpected body: {}",
        reply.body
    );
}

#[tokio::test]
async fn unknown_paths_are_404_for_a_signed_in_user() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("404")).await;
    let cookie = app.sign_in(&users.alice).await;
    let reply = app.get("/no-such-page", Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Page not found"));
}

#[tokio::test]
async fn site_files_are_served_gzipped_and_revalidated_with_304() {
    let (moto, _, _) = moto_with_users().await;
    let options = Options::new("static");
    let pkg = options.site_root().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("chunk_1.wasm"), b"\0asm chunk").unwrap();
    let app = TestApp::new(&moto, &options).await;

    let first = app.get("/pkg/chunk_1.wasm", None).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body, "\0asm chunk");
    let modified = first.headers[http::header::LAST_MODIFIED].to_str().unwrap();

    // A browser revalidating its cached copy: 304 with no body, never the not-found page.
    let again = app
        .get_with(
            "/pkg/chunk_1.wasm",
            &[(http::header::IF_MODIFIED_SINCE, modified)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty(), "{}", again.body);

    let missing = app.get("/pkg/chunk_2.wasm", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // The build's gzip copy goes to a browser that accepts gzip, as the same file.
    std::fs::write(pkg.join("chunk_1.wasm.gz"), b"gzip bytes").unwrap();
    let gzipped = app
        .get_with(
            "/pkg/chunk_1.wasm",
            &[(http::header::ACCEPT_ENCODING, "gzip, deflate, br")],
        )
        .await;
    assert_eq!(gzipped.status, StatusCode::OK);
    assert_eq!(gzipped.headers[http::header::CONTENT_ENCODING], "gzip");
    assert_eq!(gzipped.headers[http::header::CONTENT_TYPE], "application/wasm");
    assert_eq!(gzipped.body, "gzip bytes");

    // With a brotli copy too, a browser that accepts brotli gets it; one that does not, gzip.
    std::fs::write(pkg.join("chunk_1.wasm.br"), b"brotli bytes").unwrap();
    let br = app
        .get_with(
            "/pkg/chunk_1.wasm",
            &[(http::header::ACCEPT_ENCODING, "gzip, deflate, br")],
        )
        .await;
    assert_eq!(br.headers[http::header::CONTENT_ENCODING], "br");
    assert_eq!(br.headers[http::header::CONTENT_TYPE], "application/wasm");
    assert_eq!(br.body, "brotli bytes");
    let gz_only = app
        .get_with("/pkg/chunk_1.wasm", &[(http::header::ACCEPT_ENCODING, "gzip")])
        .await;
    assert_eq!(gz_only.headers[http::header::CONTENT_ENCODING], "gzip");
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_csp() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("headers")).await;
    let cookie = app.sign_in(&users.alice).await;
    let reply = app.get("/instances", Some(&cookie)).await;
    let header = |name: &str| {
        reply
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("referrer-policy"), "same-origin");
    let csp = header("content-security-policy");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("a nonce in the CSP");
    assert!(nonce.len() >= 16);
    assert!(
        reply.body.contains(&format!("nonce=\"{nonce}\"")),
        "scripts do not carry the CSP nonce"
    );
    let other = app.get("/instances", Some(&cookie)).await;
    assert!(
        !other.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains(nonce),
        "nonce reused"
    );
}

#[tokio::test]
async fn the_dashboard_html_does_not_wait_for_aws_and_each_count_is_its_own_call() {
    let (moto, users, _) = moto_with_users().await;
    let app = TestApp::new(&moto, &Options::new("dash")).await;
    let alice = app.sign_in(&users.alice).await;
    let page = app.get("/?region=us-east-1", Some(&alice)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.body.matches("data-count=").count(), 8);
    assert_eq!(
        page.body.matches("Loading…").count(),
        8,
        "every card loads on its own"
    );

    let path = app::dashboard::DashboardCount::PATH;
    let running = app
        .post_form(path, "region=us-east-1&kind=RunningInstances", Some(&alice))
        .await;
    assert_eq!(running.status, StatusCode::OK, "{}", running.body);
    assert_eq!(running.body.trim(), r#"{"value":1,"missing":[]}"#);
    let everywhere = app
        .post_form(path, "region=all&kind=RunningInstances", Some(&alice))
        .await;
    assert_eq!(everywhere.status, StatusCode::OK, "{}", everywhere.body);
    let everywhere: app::dashboard::Count = serde_json::from_str(&everywhere.body).unwrap();
    assert_eq!(
        everywhere,
        app::dashboard::Count {
            value: 1,
            missing: vec![]
        },
        "every region summed"
    );
    let bad = app
        .post_form(path, "region=us-east-1&kind=Everything", Some(&alice))
        .await;
    assert_ne!(bad.status, StatusCode::OK);
}

#[tokio::test]
async fn metrics_count_requests_and_aws_calls_by_outcome_only_where_enabled() {
    let (moto, users, _) = moto_with_users().await;
    let off = TestApp::new(&moto, &Options::new("metrics-off")).await;
    let reply = off.get("/metrics", None).await;
    assert_ne!(reply.status, StatusCode::OK, "metrics are off by default");

    let mut options = Options::new("metrics");
    options.metrics = server::config::MetricsAt::Listener;
    let app = TestApp::new(&moto, &options).await;
    let cookie = app.sign_in(&users.alice).await;
    assert_eq!(
        app.get("/instances?region=us-east-1", Some(&cookie)).await.status,
        StatusCode::OK
    );
    let missing = app
        .post_form(
            app::instances::DescribeInstance::PATH,
            "region=us-east-1&id=i-0123456789abcdef0",
            Some(&cookie),
        )
        .await;
    assert!(
        missing.body.contains("InvalidInstanceID.NotFound"),
        "{}",
        missing.body
    );

    let reply = app.get("/metrics", None).await;
    assert_eq!(reply.status, StatusCode::OK, "no session needed for the scraper");
    assert!(reply.headers[http::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let text = reply.body;
    let has = |needle: &str| {
        text.lines().any(|l| {
            l.starts_with(needle)
                && l.rsplit(' ')
                    .next()
                    .and_then(|n| n.parse::<f64>().ok())
                    .is_some_and(|n| n >= 1.0)
        })
    };
    assert!(
        has("http_requests_total{route=\"/instances\",status=\"200\"}"),
        "{text}"
    );
    assert!(
        has("http_request_duration_seconds_count{route=\"/instances\"}"),
        "{text}"
    );
    assert!(
        has("aws_calls_total{service=\"EC2\",api=\"DescribeInstances\",outcome=\"ok\"}"),
        "{text}"
    );
    assert!(
        has("aws_calls_total{service=\"EC2\",api=\"DescribeInstances\",outcome=\"InvalidInstanceID.NotFound\"}"),
        "{text}"
    );
    assert!(
        has("aws_calls_total{service=\"STS\",api=\"GetCallerIdentity\",outcome=\"ok\"}"),
        "{text}"
    );
    assert!(
        has("aws_call_duration_seconds_count{service=\"EC2\",api=\"DescribeInstances\"}"),
        "{text}"
    );
    assert!(has("console_sign_ins_total{outcome=\"ok\"}"), "{text}");
    assert!(has("console_sessions_live"), "{text}");
    assert!(text.contains("# TYPE aws_retries_total counter"));
    assert!(
        !text.contains(&users.alice.secret_access_key),
        "no secret in the metrics"
    );
}
