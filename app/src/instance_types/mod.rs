//! Instance types offered in a region: the type picker's data (instance type changes, the launch flow).

use crate::error::AppError;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod ssr;

/// One instance type as the pickers show it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceTypeInfo {
    /// The type name, e.g. `t3.micro`.
    pub name: String,
    /// Default vCPUs.
    pub vcpus: i32,
    /// Memory in MiB.
    pub memory_mib: i64,
    /// Supported architectures (`x86_64`, `arm64`, …).
    pub architectures: Vec<String>,
    /// Network performance as AWS words it.
    pub network: String,
    /// Instance store, e.g. `1 × 75 GB nvme-ssd`; `None` for EBS-only types.
    pub instance_store: Option<String>,
    /// Whether instances of this type can hibernate.
    pub hibernation: bool,
}

/// Whether `name` has the shape of an instance type (`t3.micro`, `m5d.24xlarge`, `u-6tb1.metal`).
pub fn is_type_name(name: &str) -> bool {
    let Some((family, size)) = name.split_once('.') else {
        return false;
    };
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    name.len() <= 32 && ok(family) && ok(size)
}

/// The instance types offered in `region` (or the session's region), sorted by name; cached per region.
#[leptos::server]
pub async fn list_instance_types(region: Option<String>) -> Result<Vec<InstanceTypeInfo>, AppError> {
    let mut caller = crate::auth::ssr::Caller::current().await?;
    let region = caller.region(region.as_deref()).await?;
    let types = ssr::offered(&caller.ec2(&region)?, &region).await?;
    Ok(types.as_ref().clone())
}

#[cfg(test)]
mod tests {
    use super::is_type_name;

    #[test]
    fn type_names() {
        for ok in ["t3.micro", "m5d.24xlarge", "u-6tb1.metal", "t2.nano"] {
            assert!(is_type_name(ok), "{ok}");
        }
        for bad in ["t3", ".micro", "t3.", "T3.micro", "t3.micro;", "t3 .micro", ""] {
            assert!(!is_type_name(bad), "{bad}");
        }
    }
}
