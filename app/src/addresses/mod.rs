//! Elastic IPs: list, allocate, associate with an instance or network interface, disassociate and
//! release (refused by the console while associated); the page and the server functions.

use crate::error::AppError;
use crate::network::is_resource_id;
use crate::regions::Across;
use serde::{Deserialize, Serialize};

mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use page::AddressesPage;

/// An Elastic IP address as the list shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInfo {
    /// The public IPv4 address.
    pub public_ip: String,
    /// The region it is in (filled in by the list).
    #[serde(default)]
    pub region: String,
    /// The allocation ID (`eipalloc-…`).
    pub allocation_id: String,
    /// The association ID while associated.
    pub association_id: Option<String>,
    /// The instance it is associated with.
    pub instance_id: Option<String>,
    /// The network interface it is associated with.
    pub network_interface_id: Option<String>,
    /// The private address it maps to.
    pub private_ip: Option<String>,
    /// Its `Name` tag.
    pub name: Option<String>,
}

impl AddressInfo {
    /// What it is associated with, in words.
    pub fn target(&self) -> Option<String> {
        match (&self.instance_id, &self.network_interface_id) {
            (Some(i), Some(e)) => Some(format!("{i} ({e})")),
            (Some(i), None) => Some(i.clone()),
            (None, Some(e)) => Some(e.clone()),
            (None, None) => None,
        }
    }
}

/// Where to associate an address.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AssociationTarget {
    /// An instance (its primary network interface).
    Instance(String),
    /// A network interface.
    NetworkInterface(String),
}

/// Checks an allocation ID's shape.
pub fn check_allocation_id(id: &str) -> Result<(), AppError> {
    if is_resource_id("eipalloc", id) {
        Ok(())
    } else {
        Err(AppError::validation(
            "allocation ID",
            crate::tr!(addresses.not_allocation_id, id = id),
        ))
    }
}

/// Checks an association target's ID shape.
pub fn check_target(target: &AssociationTarget) -> Result<(), AppError> {
    match target {
        AssociationTarget::Instance(id) if crate::instances::actions::is_instance_id(id) => Ok(()),
        AssociationTarget::Instance(id) => Err(AppError::validation(
            "instance",
            crate::tr!(addresses.not_instance_id, id = id),
        )),
        AssociationTarget::NetworkInterface(id) if is_resource_id("eni", id) => Ok(()),
        AssociationTarget::NetworkInterface(id) => Err(AppError::validation(
            "network interface",
            crate::tr!(addresses.not_eni_id, id = id),
        )),
    }
}

impl crate::regions::Regional for AddressInfo {
    fn set_region(&mut self, region: &str) {
        self.region = region.to_string();
    }
}

/// Lists the Elastic IPs of `region` (or the session's region).
#[leptos::server]
pub async fn list_addresses(region: Option<String>) -> Result<Across<AddressInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    crate::regions::ssr::listed(&mut caller, region.as_deref(), |client, _| async move {
        ssr::list(&client).await
    })
    .await
}

/// Allocates a new Elastic IP in the VPC domain.
#[leptos::server]
pub async fn allocate_address(region: Option<String>) -> Result<AddressInfo, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("AllocateAddress").await?;
    let region = caller.region(region.as_deref()).await?;
    ssr::allocate(&caller.ec2(&region)?).await
}

/// Associates an address with an instance or a network interface; returns the association ID.
#[leptos::server(input = leptos::server_fn::codec::Json)]
pub async fn associate_address(
    region: Option<String>,
    allocation_id: String,
    target: AssociationTarget,
) -> Result<String, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("AssociateAddress").await?;
    check_allocation_id(&allocation_id)?;
    check_target(&target)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::associate(&caller.ec2(&region)?, &allocation_id, &target).await
}

/// Disassociates an address from whatever it is associated with.
#[leptos::server]
pub async fn disassociate_address(region: Option<String>, allocation_id: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("DisassociateAddress").await?;
    check_allocation_id(&allocation_id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::disassociate(&caller.ec2(&region)?, &allocation_id).await
}

/// Releases an address; refused while it is associated.
#[leptos::server]
pub async fn release_address(region: Option<String>, allocation_id: String) -> Result<(), AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    caller.act("ReleaseAddress").await?;
    check_allocation_id(&allocation_id)?;
    let region = caller.region(region.as_deref()).await?;
    ssr::release(&caller.ec2(&region)?, &allocation_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_by_shape() {
        assert!(check_allocation_id("eipalloc-0123abcd").is_ok());
        assert!(check_allocation_id("eipalloc-xyz").is_err());
        assert!(check_allocation_id("eni-0123abcd").is_err());
        assert!(check_target(&AssociationTarget::Instance("i-0123456789abcdef0".into())).is_ok());
        assert!(check_target(&AssociationTarget::Instance("eni-0123abcd".into())).is_err());
        assert!(check_target(&AssociationTarget::NetworkInterface("eni-0123abcd".into())).is_ok());
        assert!(check_target(&AssociationTarget::NetworkInterface("i-0123abcd".into())).is_err());
    }

    #[test]
    fn targets_in_words() {
        let mut a = AddressInfo::default();
        assert_eq!(a.target(), None);
        a.instance_id = Some("i-1".into());
        a.network_interface_id = Some("eni-1".into());
        assert_eq!(a.target().as_deref(), Some("i-1 (eni-1)"));
    }
}
