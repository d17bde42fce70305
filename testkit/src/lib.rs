//! Starts a real moto server on 127.0.0.1 for a test and builds SDK clients that talk to it.
//!
//! The binary is `$MOTO_SERVER`, else the project's `.venv/bin/moto_server` (made by `scripts/setup.sh`),
//! whose servers are forked from one process that has imported moto already (`zygote.rs`).

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_ec2::config::Credentials;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub mod console;
pub mod postgres;
pub mod proxy;
mod redis;
mod zygote;
pub use console::{Console, Http};
pub use postgres::PostgresServer;
pub use proxy::FaultProxy;
pub use redis::RedisServer;

/// A moto server process, killed when dropped.
pub struct MotoServer {
    process: Process,
    port: u16,
}

/// How the server was started: forked by a zygote, or spawned (`$MOTO_SERVER`, or no zygote).
enum Process {
    Forked { _server: zygote::Forked },
    Spawned(Child),
}

/// The access key the test clients sign with (moto accepts any while IAM auth is off).
pub const TEST_ACCESS_KEY: &str = "AKIATESTTESTTESTTEST";

/// The repository root: found from the working directory at run time (cargo runs tests in the
/// package's directory), since a shared target directory may hold a build made in another clone.
fn repo_root() -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|dir| {
            dir.ancestors()
                .find(|d| d.join("scripts/local_ec2.py").is_file())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".."))
}

fn moto_binary() -> PathBuf {
    std::env::var_os("MOTO_SERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv/bin/moto_server"))
}

/// Percent-encodes a form value (everything but unreserved characters).
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free port on loopback")
}

/// Sends a bodyless HTTP request to 127.0.0.1:`port` and returns the status line.
fn http(port: u16, method: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response.lines().next().unwrap_or_default().to_string())
}

impl MotoServer {
    /// Starts moto with AMI, instance-type and key-pair validation on, and waits until it answers.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Starts moto with the demo's AMI catalogue (`scripts/demo-amis.json`: recent Amazon Linux,
    /// Ubuntu, Debian, Windows, RHEL and SUSE images with real owners and creation dates).
    pub fn start_with_demo_amis() -> Self {
        let catalogue = repo_root().join("scripts/demo-amis.json");
        Self::start_with(&[("MOTO_AMIS_PATH", catalogue.to_string_lossy().as_ref())])
    }

    fn start_with(env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let settings: Vec<(&str, &str)> = [
            ("MOTO_ENABLE_AMI_VALIDATION", "true"),
            ("MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION", "true"),
            ("MOTO_ENABLE_KEYPAIR_VALIDATION", "true"),
        ]
        .into_iter()
        .chain(env.iter().copied())
        .collect();
        let forked = std::env::var_os("MOTO_SERVER").is_none().then(|| {
            let python = moto_binary().with_file_name("python");
            zygote::fork(
                &python,
                &repo_root().join("scripts/moto_zygote.py"),
                &settings,
                port,
            )
        });
        let process = match forked.flatten() {
            Some(forked) => Process::Forked { _server: forked },
            None => {
                let binary = moto_binary();
                let child = Command::new(&binary)
                    .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                    .envs(settings)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap_or_else(|e| {
                        panic!("cannot start {} ({e}); run scripts/setup.sh", binary.display())
                    });
                Process::Spawned(child)
            }
        };
        let server = Self { process, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !matches!(http(port, "GET", "/moto-api/"), Ok(line) if line.contains(" 200")) {
            assert!(
                Instant::now() < deadline,
                "moto did not answer on port {port} within 30 s"
            );
            std::thread::sleep(Duration::from_millis(25));
        }
        server
    }

    /// The endpoint URL, e.g. `http://127.0.0.1:5123`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Wipes all of moto's state.
    pub fn reset(&self) {
        let status = http(self.port, "POST", "/moto-api/reset").expect("reset moto");
        assert!(status.contains(" 200"), "reset failed: {status}");
    }

    /// A base SDK configuration pointed at this server with static test credentials.
    pub async fn sdk_config(&self, region: &str) -> SdkConfig {
        sdk_config_at(&self.endpoint(), region).await
    }

    /// An EC2 client for `region` on this server, for arranging and independently checking state.
    pub async fn ec2(&self, region: &str) -> aws_sdk_ec2::Client {
        aws_sdk_ec2::Client::new(&self.sdk_config(region).await)
    }

    /// A CloudWatch client for `region` on this server, for putting metrics and checking alarms.
    pub async fn cloudwatch(&self, region: &str) -> aws_sdk_cloudwatch::Client {
        aws_sdk_cloudwatch::Client::new(&self.sdk_config(region).await)
    }
}

/// A base SDK configuration pointed at `endpoint` (moto, or a proxy or replay in front of it) with
/// static test credentials.
pub async fn sdk_config_at(endpoint: &str, region: &str) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .endpoint_url(endpoint)
        .region(Region::new(region.to_string()))
        .credentials_provider(Credentials::new(
            TEST_ACCESS_KEY,
            "test-secret",
            None,
            None,
            "testkit",
        ))
        .load()
        .await
}

/// An IAM user created in moto, with its access key.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct IamUser {
    /// Access key ID.
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// The user's ARN.
    pub arn: String,
}

/// The users `scripts/local_ec2.py` creates: `alice` may do anything, `bob` may not launch,
/// terminate or tag; `carol` may do anything in another AWS account; `dave` may not list regions.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct IamUsers {
    /// Full access.
    pub alice: IamUser,
    /// Denied `ec2:RunInstances`, `ec2:TerminateInstances` and `ec2:CreateTags`.
    pub bob: IamUser,
    /// Full access, in account 111111111111.
    pub carol: IamUser,
    /// Denied `ec2:DescribeRegions`.
    pub dave: IamUser,
}

impl MotoServer {
    /// Creates the IAM users and turns IAM authentication on (from now on only their keys work).
    pub fn enable_iam_users(&self) -> IamUsers {
        let root = repo_root();
        let python = moto_binary().with_file_name("python");
        let out = Command::new(&python)
            .arg(root.join("scripts/local_ec2.py"))
            .args(["users", "--endpoint", &self.endpoint()])
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} ({e})", python.display()));
        assert!(
            out.status.success(),
            "creating IAM users failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("users JSON")
    }

    /// An EC2 client acting as `user` in `region`.
    pub async fn ec2_as(&self, user: &IamUser, region: &str) -> aws_sdk_ec2::Client {
        let conf = aws_config::defaults(BehaviorVersion::latest())
            .endpoint_url(self.endpoint())
            .region(Region::new(region.to_string()))
            .credentials_provider(Credentials::new(
                &user.access_key_id,
                &user.secret_access_key,
                None,
                None,
                "testkit",
            ))
            .load()
            .await;
        aws_sdk_ec2::Client::new(&conf)
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        if let Process::Spawned(child) = &mut self.process {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The ID of an AMI from moto's built-in catalogue that validation accepts.
pub async fn any_ami(ec2: &aws_sdk_ec2::Client) -> String {
    ec2.describe_images()
        .owners("amazon")
        .send()
        .await
        .expect("describe images")
        .images()
        .iter()
        .filter(|i| i.architecture().map(|a| a.as_str()) == Some("x86_64"))
        .find_map(|i| i.image_id().map(str::to_string))
        .expect("moto has an x86_64 amazon AMI")
}

/// Launches `count` instances of `instance_type` from `ami`, tagged `Name=name`; returns their IDs.
pub async fn launch(
    ec2: &aws_sdk_ec2::Client,
    ami: &str,
    name: &str,
    instance_type: &str,
    count: i32,
) -> Vec<String> {
    use aws_sdk_ec2::types::{InstanceType, ResourceType, Tag, TagSpecification};
    let out = ec2
        .run_instances()
        .image_id(ami)
        .instance_type(InstanceType::from(instance_type))
        .min_count(count)
        .max_count(count)
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Instance)
                .tags(Tag::builder().key("Name").value(name).build())
                .build(),
        )
        .send()
        .await
        .expect("run instances");
    out.instances()
        .iter()
        .filter_map(|i| i.instance_id().map(str::to_string))
        .collect()
}

/// A stable text picture of the region's EC2 state (instances with state, type and tags; volumes;
/// addresses; key pairs; security groups with rules; images; snapshots), to show nothing changed.
pub async fn snapshot(ec2: &aws_sdk_ec2::Client) -> String {
    let mut lines = Vec::new();
    let instances = ec2.describe_instances().send().await.expect("describe instances");
    for i in instances.reservations().iter().flat_map(|r| r.instances()) {
        let mut tags: Vec<String> = i
            .tags()
            .iter()
            .map(|t| format!("{:?}={:?}", t.key(), t.value()))
            .collect();
        tags.sort();
        lines.push(format!(
            "instance {:?} {:?} {:?} {:?}",
            i.instance_id(),
            i.state().and_then(|s| s.name()),
            i.instance_type(),
            tags
        ));
    }
    let volumes = ec2.describe_volumes().send().await.expect("describe volumes");
    for v in volumes.volumes() {
        lines.push(format!(
            "volume {:?} {:?} {:?} {:?}",
            v.volume_id(),
            v.size(),
            v.state(),
            v.attachments().len()
        ));
    }
    let addresses = ec2.describe_addresses().send().await.expect("describe addresses");
    for a in addresses.addresses() {
        lines.push(format!("address {:?} {:?}", a.allocation_id(), a.instance_id()));
    }
    let keys = ec2.describe_key_pairs().send().await.expect("describe key pairs");
    for k in keys.key_pairs() {
        lines.push(format!("key {:?}", k.key_name()));
    }
    let groups = ec2
        .describe_security_groups()
        .send()
        .await
        .expect("describe groups");
    for g in groups.security_groups() {
        lines.push(format!(
            "group {:?} {:?} {:?} {:?}",
            g.group_id(),
            g.group_name(),
            g.ip_permissions(),
            g.ip_permissions_egress()
        ));
    }
    let images = ec2
        .describe_images()
        .owners("self")
        .send()
        .await
        .expect("describe images");
    for i in images.images() {
        lines.push(format!("image {:?} {:?}", i.image_id(), i.name()));
    }
    let snapshots = ec2
        .describe_snapshots()
        .owner_ids("self")
        .send()
        .await
        .expect("describe snapshots");
    for s in snapshots.snapshots() {
        lines.push(format!("snapshot {:?} {:?}", s.snapshot_id(), s.volume_id()));
    }
    lines.sort();
    lines.join("\n")
}
