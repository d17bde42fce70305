//! Server-only: `DescribeAddresses`, `AllocateAddress`, `AssociateAddress`,
//! `DisassociateAddress`, `ReleaseAddress`.

use super::{AddressInfo, AssociationTarget};
use crate::error::AppError;
use aws_sdk_ec2::types::{Address, DomainType};

/// A field's value, with moto's empty strings (after disassociation) read as absent.
fn present(value: Option<&str>) -> Option<String> {
    value.filter(|v| !v.is_empty()).map(str::to_string)
}

fn to_info(a: &Address) -> AddressInfo {
    AddressInfo {
        region: String::new(),
        public_ip: a.public_ip().unwrap_or_default().to_string(),
        allocation_id: a.allocation_id().unwrap_or_default().to_string(),
        association_id: present(a.association_id()),
        instance_id: present(a.instance_id()),
        network_interface_id: present(a.network_interface_id()),
        private_ip: present(a.private_ip_address()),
        name: crate::network::ssr::name_tag(a.tags()),
    }
}

/// Every address of the client's region, by public IP.
pub async fn list(client: &aws_sdk_ec2::Client) -> Result<Vec<AddressInfo>, AppError> {
    let out = client.describe_addresses().send().await?;
    let mut list: Vec<AddressInfo> = out.addresses().iter().map(to_info).collect();
    list.sort_by(|a, b| crate::components::table::natural_cmp(&a.public_ip, &b.public_ip));
    Ok(list)
}

/// One address by allocation ID.
pub async fn get(client: &aws_sdk_ec2::Client, allocation_id: &str) -> Result<AddressInfo, AppError> {
    let out = client
        .describe_addresses()
        .allocation_ids(allocation_id)
        .send()
        .await?;
    out.addresses().first().map(to_info).ok_or_else(|| AppError::Aws {
        code: "InvalidAllocationID.NotFound".into(),
        message: format!("The allocation ID '{allocation_id}' does not exist"),
        request_id: None,
    })
}

/// Allocates an address in the VPC domain.
pub async fn allocate(client: &aws_sdk_ec2::Client) -> Result<AddressInfo, AppError> {
    let out = client.allocate_address().domain(DomainType::Vpc).send().await?;
    let id = out.allocation_id().unwrap_or_default().to_string();
    tracing::info!(allocation_id = %id, "address allocated");
    get(client, &id).await
}

/// Associates the address with `target`; returns the association ID.
pub async fn associate(
    client: &aws_sdk_ec2::Client,
    allocation_id: &str,
    target: &AssociationTarget,
) -> Result<String, AppError> {
    let request = client.associate_address().allocation_id(allocation_id);
    let request = match target {
        AssociationTarget::Instance(id) => request.instance_id(id),
        AssociationTarget::NetworkInterface(id) => request.network_interface_id(id),
    };
    let out = request.send().await?;
    tracing::info!(allocation_id, ?target, "address associated");
    Ok(out.association_id().unwrap_or_default().to_string())
}

/// Disassociates the address; `InvalidAssociationID.NotFound` when it is not associated.
pub async fn disassociate(client: &aws_sdk_ec2::Client, allocation_id: &str) -> Result<(), AppError> {
    let address = get(client, allocation_id).await?;
    let Some(association) = address.association_id else {
        return Err(AppError::validation(
            "Elastic IP",
            crate::tr!(addresses.not_associated, ip = address.public_ip),
        ));
    };
    client
        .disassociate_address()
        .association_id(association)
        .send()
        .await?;
    tracing::info!(allocation_id, "address disassociated");
    Ok(())
}

/// Releases the address; refused while it is associated (AWS refuses too; moto does not).
pub async fn release(client: &aws_sdk_ec2::Client, allocation_id: &str) -> Result<(), AppError> {
    let address = get(client, allocation_id).await?;
    if let Some(target) = address.target() {
        return Err(AppError::validation(
            "Elastic IP",
            crate::tr!(
                addresses.release_associated,
                ip = address.public_ip,
                target = target
            ),
        ));
    }
    client
        .release_address()
        .allocation_id(allocation_id)
        .send()
        .await?;
    tracing::info!(allocation_id, "address released");
    Ok(())
}
