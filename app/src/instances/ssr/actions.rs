//! Server-only, the instance actions: start, stop, hibernate, reboot and terminate, a few
//! instances at a time; termination protection; and changing the instance type.

use super::{describe, to_row};
use crate::error::AppError;
use crate::instances::actions::Action;
use crate::instances::ActionOutcome;
use aws_sdk_ec2::types::{AttributeBooleanValue, AttributeValue, InstanceAttributeName};
use aws_sdk_ec2::Client;
use futures::StreamExt;

/// How many instances an action works on at once.
const ACTION_CONCURRENCY: usize = 8;

async fn act(client: &Client, action: Action, id: &str) -> Result<String, AppError> {
    let instance = describe(client, id).await?;
    let row = to_row(&instance);
    if let Some(reason) = action.refusal(&row) {
        return Err(AppError::validation(
            row.id.clone(),
            format!("{}: {reason}", action.label()),
        ));
    }
    let state = |changes: &[aws_sdk_ec2::types::InstanceStateChange]| {
        changes
            .iter()
            .find(|c| c.instance_id() == Some(id))
            .and_then(|c| c.current_state())
            .and_then(|s| s.name())
            .map(|n| n.as_str().to_string())
            .unwrap_or_else(|| row.state.clone())
    };
    Ok(match action {
        Action::Start => state(
            client
                .start_instances()
                .instance_ids(id)
                .send()
                .await?
                .starting_instances(),
        ),
        Action::Stop | Action::Hibernate => state(
            client
                .stop_instances()
                .instance_ids(id)
                .set_hibernate((action == Action::Hibernate).then_some(true))
                .send()
                .await?
                .stopping_instances(),
        ),
        Action::Reboot => {
            client.reboot_instances().instance_ids(id).send().await?;
            row.state
        }
        Action::Terminate => {
            if termination_protection(client, id).await? {
                return Err(AppError::Aws {
                    code: "OperationNotPermitted".into(),
                    message: format!(
                        "The instance '{id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again."
                    ),
                    request_id: None,
                });
            }
            state(
                client
                    .terminate_instances()
                    .instance_ids(id)
                    .send()
                    .await?
                    .terminating_instances(),
            )
        }
    })
}

/// Runs `action` on each of `ids` (checked IDs), a few at a time; each instance gets its own outcome.
pub async fn run_action(client: &Client, action: Action, ids: &[String]) -> Vec<ActionOutcome> {
    let outcomes = futures::stream::iter(ids.iter().cloned())
        .map(|id| async move {
            let result = act(client, action, &id).await;
            match &result {
                Ok(state) => tracing::info!(%id, action = action.operation(), %state, "instance action"),
                Err(error) => {
                    tracing::info!(%id, action = action.operation(), %error, "instance action refused")
                }
            }
            ActionOutcome { id, action, result }
        })
        .buffered(ACTION_CONCURRENCY)
        .collect::<Vec<_>>()
        .await;
    // One outcome per instance for the audit record, in the order asked (the calls finish in any).
    for outcome in &outcomes {
        crate::audit::ssr::scope::item(&outcome.id, &outcome.result);
    }
    outcomes
}

/// Whether termination protection (`disableApiTermination`) is on.
pub async fn termination_protection(client: &Client, id: &str) -> Result<bool, AppError> {
    let out = client
        .describe_instance_attribute()
        .instance_id(id)
        .attribute(InstanceAttributeName::DisableApiTermination)
        .send()
        .await?;
    Ok(out
        .disable_api_termination()
        .and_then(|v| v.value())
        .unwrap_or(false))
}

/// Turns termination protection on or off.
pub async fn set_termination_protection(client: &Client, id: &str, enabled: bool) -> Result<bool, AppError> {
    describe(client, id).await?;
    client
        .modify_instance_attribute()
        .instance_id(id)
        .disable_api_termination(AttributeBooleanValue::builder().value(enabled).build())
        .send()
        .await?;
    termination_protection(client, id).await
}

/// Changes the instance type; the instance must be stopped and the type offered in the region.
pub async fn change_type(
    client: &Client,
    region: &str,
    id: &str,
    new_type: &str,
) -> Result<String, AppError> {
    let row = to_row(&describe(client, id).await?);
    if row.state != "stopped" {
        return Err(AppError::validation(
            "instance type",
            crate::tr!(instances.type_needs_stopped, state = row.state),
        ));
    }
    if row.instance_type == new_type {
        return Err(AppError::validation(
            "instance type",
            crate::tr!(instances.type_unchanged, new_type = new_type),
        ));
    }
    let types = crate::instance_types::ssr::offered(client, region).await?;
    if !types.iter().any(|t| t.name == new_type) {
        return Err(AppError::validation(
            "instance type",
            crate::tr!(instances.type_not_offered, new_type = new_type, region = region),
        ));
    }
    client
        .modify_instance_attribute()
        .instance_id(id)
        .instance_type(AttributeValue::builder().value(new_type).build())
        .send()
        .await?;
    Ok(to_row(&describe(client, id).await?).instance_type)
}
