//! Server-only: the SDK calls behind the instance pages and the mapping to DTOs.

use super::InstanceRow;
use crate::error::AppError;
use aws_sdk_ec2::primitives::DateTimeFormat;
use aws_sdk_ec2::types::{Filter, Instance};

/// Lists every instance visible to `client` (only those in `state`, when given), across all pages of
/// `DescribeInstances`; the state filter is applied by the API.
pub async fn list_instances(
    client: &aws_sdk_ec2::Client,
    state: Option<&str>,
) -> Result<Vec<InstanceRow>, AppError> {
    let filters = state.map(|s| Filter::builder().name("instance-state-name").values(s).build());
    let mut pages = client
        .describe_instances()
        .set_filters(filters.map(|f| vec![f]))
        .into_paginator()
        .send();
    let mut rows = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page?;
        for reservation in page.reservations() {
            rows.extend(reservation.instances().iter().map(to_row));
        }
    }
    Ok(rows)
}

/// Maps an SDK instance to the page's row.
pub fn to_row(instance: &Instance) -> InstanceRow {
    InstanceRow {
        id: instance.instance_id().unwrap_or_default().to_string(),
        name: instance
            .tags()
            .iter()
            .find(|t| t.key() == Some("Name"))
            .and_then(|t| t.value())
            .map(str::to_string),
        state: instance
            .state()
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string())
            .unwrap_or_else(|| "unknown".into()),
        instance_type: instance
            .instance_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        availability_zone: instance
            .placement()
            .and_then(|p| p.availability_zone())
            .unwrap_or_default()
            .to_string(),
        public_ip: instance.public_ip_address().map(str::to_string),
        private_ip: instance.private_ip_address().map(str::to_string),
        launch_time: instance
            .launch_time()
            .and_then(|t| t.fmt(DateTimeFormat::DateTime).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::to_row;
    use aws_sdk_ec2::primitives::DateTime;
    use aws_sdk_ec2::types::{Instance, InstanceState, InstanceStateName, InstanceType, Placement, Tag};

    #[test]
    fn maps_the_fields_the_list_shows() {
        let instance = Instance::builder()
            .instance_id("i-0123456789abcdef0")
            .tags(Tag::builder().key("Environment").value("prod").build())
            .tags(Tag::builder().key("Name").value("web-1").build())
            .state(InstanceState::builder().name(InstanceStateName::Stopped).build())
            .instance_type(InstanceType::T3Micro)
            .placement(Placement::builder().availability_zone("us-east-1b").build())
            .private_ip_address("10.0.1.12")
            .launch_time(DateTime::from_secs(1_700_000_000))
            .build();
        let row = to_row(&instance);
        assert_eq!(row.id, "i-0123456789abcdef0");
        assert_eq!(row.name.as_deref(), Some("web-1"));
        assert_eq!(row.state, "stopped");
        assert_eq!(row.instance_type, "t3.micro");
        assert_eq!(row.availability_zone, "us-east-1b");
        assert_eq!(row.public_ip, None);
        assert_eq!(row.private_ip.as_deref(), Some("10.0.1.12"));
        assert_eq!(row.launch_time.as_deref(), Some("2023-11-14T22:13:20Z"));
    }

    #[test]
    fn tolerates_an_instance_with_nothing_set() {
        let row = to_row(&Instance::builder().build());
        assert_eq!(row.state, "unknown");
        assert_eq!(row.name, None);
    }
}
