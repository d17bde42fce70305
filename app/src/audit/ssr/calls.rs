//! An SDK interceptor that hands every state-changing EC2 call made inside an audit scope to the
//! scope: its API, the resources its request names and its response creates, a parameter summary
//! without secrets, the ClientToken, AWS's request ID and the outcome. Reads (`Describe*`, `Get*`)
//! are not audited.

use super::scope::{self, ApiCall};
use aws_sdk_ec2::config::interceptors::{
    BeforeTransmitInterceptorContextRef, FinalizerInterceptorContextRef,
};
use aws_sdk_ec2::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_ec2::error::BoxError;
use aws_smithy_types::config_bag::{Storable, StoreReplace};

/// The interceptor; every EC2 client has it.
#[derive(Debug, Default)]
pub struct AuditCalls;

/// The call so far: what the request said, and what the last attempt's answer said.
#[derive(Clone, Debug)]
struct Draft(ApiCall);

impl Storable for Draft {
    type Storer = StoreReplace<Self>;
}

/// Whether an API only reads.
pub fn is_read(api: &str) -> bool {
    ["Describe", "Get", "List", "Search"]
        .iter()
        .any(|p| api.starts_with(p))
}

/// Whether a request only asks whether it would be allowed (`DryRun=true`): nothing changes, so
/// nothing is recorded (the permission checks behind the buttons make many).
pub fn is_dry_run(body: &[u8]) -> bool {
    body.split(|b| *b == b'&').any(|pair| pair == b"DryRun=true")
}

/// Request parameters naming the resources a call acts on (a trailing `.N` is ignored).
const TARGETS: [&str; 14] = [
    "InstanceId",
    "VolumeId",
    "SnapshotId",
    "ImageId",
    "GroupId",
    "AllocationId",
    "AssociationId",
    "ResourceId",
    "KeyName",
    "KeyPairId",
    "PublicIp",
    "VpcId",
    "SubnetId",
    "NetworkInterfaceId",
];

/// Parameters never recorded, only their size: user data, key material, anything secret.
fn is_sensitive(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("userdata")
        || k.contains("keymaterial")
        || k.contains("password")
        || k.contains("secret")
        || k.contains("privatekey")
        || (k.contains("token") && k != "clienttoken")
}

/// The element of a response naming what a `Create…`/`Run…` call made.
fn created_tag(api: &str) -> Option<&'static str> {
    Some(match api {
        "RunInstances" => "instanceId",
        "CreateVolume" => "volumeId",
        "CreateSnapshot" | "CopySnapshot" => "snapshotId",
        "CreateImage" | "RegisterImage" | "CopyImage" => "imageId",
        "CreateSecurityGroup" => "groupId",
        "AllocateAddress" => "allocationId",
        "AssociateAddress" => "associationId",
        "CreateKeyPair" | "ImportKeyPair" => "keyPairId",
        "CreateVpc" => "vpcId",
        "CreateSubnet" => "subnetId",
        _ => return None,
    })
}

/// What a query-protocol request body says: the resources it names, a summary, its ClientToken.
pub fn read_request(api: &str, body: &[u8]) -> (Vec<String>, String, Option<String>) {
    let mut resources = Vec::new();
    let mut summary = Vec::new();
    let mut token = None;
    for (key, value) in form_urlencoded::parse(body) {
        if key == "Action" || key == "Version" {
            continue;
        }
        if key == "ClientToken" {
            token = Some(value.to_string());
        }
        let base = key
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('.');
        if api != "RunInstances" && TARGETS.contains(&base) && !resources.iter().any(|r| *r == value) {
            resources.push(value.to_string());
        }
        if is_sensitive(&key) {
            summary.push(format!("{key}=(not recorded, {} bytes)", value.len()));
        } else {
            let shown: String = value.chars().take(100).collect();
            summary.push(format!("{key}={shown}"));
        }
    }
    (resources, summary.join(", "), token)
}

/// The text of every `<tag>…</tag>` in `body`, unescaped.
fn elements(body: &str, tag: &str) -> Vec<String> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else { break };
        found.push(unescape(after[..end].trim()));
        rest = &after[end + close.len()..];
    }
    found
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// What an answer says: AWS's request ID, the error code and message (on failure), and the
/// resources a successful `Create…` made.
pub fn read_response(
    api: &str,
    ok: bool,
    body: &[u8],
) -> (Option<String>, Option<(String, String)>, Vec<String>) {
    let text = String::from_utf8_lossy(body);
    let request_id = ["requestId", "RequestID", "RequestId"]
        .iter()
        .find_map(|t| elements(&text, t).into_iter().next());
    if ok {
        let created = created_tag(api).map(|t| elements(&text, t)).unwrap_or_default();
        return (request_id, None, created);
    }
    let code = elements(&text, "Code")
        .into_iter()
        .next()
        .unwrap_or_else(|| "UnknownError".into());
    let message = elements(&text, "Message").into_iter().next().unwrap_or_default();
    (request_id, Some((code, message)), Vec::new())
}

impl Intercept for AuditCalls {
    fn name(&self) -> &'static str {
        "AuditCalls"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (_, api) = crate::metrics::operation_names(cfg);
        if !scope::active() || is_read(&api) || cfg.load::<Draft>().is_some() {
            return Ok(());
        }
        let body = context.request().body().bytes().unwrap_or_default();
        if is_dry_run(body) {
            return Ok(());
        }
        let (resources, parameters, client_token) = read_request(&api, body);
        cfg.interceptor_state().store_put(Draft(ApiCall {
            api,
            resources,
            parameters,
            client_token,
            outcome: "EndpointUnreachable".into(),
            ..ApiCall::default()
        }));
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (Some(Draft(mut call)), Some(response)) = (cfg.load::<Draft>().cloned(), context.response())
        else {
            return Ok(());
        };
        let ok = response.status().is_success();
        let (request_id, error, created) =
            read_response(&call.api, ok, response.body().bytes().unwrap_or_default());
        call.request_id = request_id.or(call.request_id);
        (call.outcome, call.message) = error.unwrap_or_else(|| ("ok".into(), String::new()));
        for id in created {
            if !call.resources.contains(&id) {
                call.resources.push(id);
            }
        }
        cfg.interceptor_state().store_put(Draft(call));
        Ok(())
    }

    fn read_after_execution(
        &self,
        _context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(Draft(call)) = cfg.load::<Draft>().cloned() {
            scope::call(call);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_name_their_targets_and_keep_no_secret() {
        let (resources, summary, token) = read_request(
            "RunInstances",
            b"Action=RunInstances&Version=2016-11-15&ImageId=ami-1&UserData=c2VjcmV0&ClientToken=tok-1&MinCount=1",
        );
        assert!(
            resources.is_empty(),
            "a launch's targets are the instances it makes"
        );
        assert_eq!(
            summary,
            "ImageId=ami-1, UserData=(not recorded, 8 bytes), ClientToken=tok-1, MinCount=1"
        );
        assert_eq!(token.as_deref(), Some("tok-1"));
        let (resources, summary, _) = read_request(
            "AttachVolume",
            b"Action=AttachVolume&VolumeId=vol-1&InstanceId=i-1&Device=%2Fdev%2Fsdf",
        );
        assert_eq!(resources, ["vol-1", "i-1"]);
        assert!(summary.ends_with("Device=/dev/sdf"));
        let (resources, summary, _) = read_request(
            "ImportKeyPair",
            b"KeyName=deploy&PublicKeyMaterial=c3NoLWVkMjU1MTk%3D",
        );
        assert_eq!(resources, ["deploy"]);
        assert!(!summary.contains("c3NoLWVkMjU1MTk"), "{summary}");
        let (resources, _, _) =
            read_request("CreateTags", b"ResourceId.1=i-1&ResourceId.2=i-2&Tag.1.Key=Name");
        assert_eq!(resources, ["i-1", "i-2"]);
    }

    #[test]
    fn answers_give_request_ids_errors_and_what_was_made() {
        let run = b"<RunInstancesResponse><requestId>r-1</requestId><instancesSet><item><instanceId>i-1</instanceId><imageId>ami-1</imageId></item><item><instanceId>i-2</instanceId></item></instancesSet></RunInstancesResponse>";
        assert_eq!(
            read_response("RunInstances", true, run),
            (Some("r-1".into()), None, vec!["i-1".into(), "i-2".into()])
        );
        let denied = b"<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized &amp; &quot;denied&quot;</Message></Error></Errors><RequestID>r-2</RequestID></Response>";
        assert_eq!(
            read_response("TerminateInstances", false, denied),
            (
                Some("r-2".into()),
                Some((
                    "UnauthorizedOperation".into(),
                    "You are not authorized & \"denied\"".into()
                )),
                vec![]
            )
        );
        assert!(is_read("DescribeInstances") && is_read("GetConsoleOutput") && !is_read("StopInstances"));
        assert!(is_dry_run(b"Action=StopInstances&DryRun=true&InstanceId.1=i-1"));
        assert!(!is_dry_run(
            b"Action=StopInstances&InstanceId.1=i-1&Comment=DryRun=true1"
        ));
    }
}
