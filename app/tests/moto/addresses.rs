//! Elastic IPs against a real moto server, each result read back with `DescribeAddresses`.

use app::addresses::{ssr as addresses, AssociationTarget};
use app::error::AppError;
use testkit::{any_ami, launch, MotoServer};

const REGION: &str = "us-east-1";

async fn described(ec2: &aws_sdk_ec2::Client, allocation: &str) -> Option<aws_sdk_ec2::types::Address> {
    ec2.describe_addresses()
        .send()
        .await
        .unwrap()
        .addresses()
        .iter()
        .find(|a| a.allocation_id() == Some(allocation))
        .cloned()
}

#[tokio::test]
async fn allocate_associate_refuse_release_disassociate_release() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let instance = launch(&ec2, &ami, "eip-target", "t3.micro", 1).await.remove(0);

    let address = addresses::allocate(&ec2).await.expect("allocate");
    assert!(address.public_ip.parse::<std::net::Ipv4Addr>().is_ok());
    assert!(described(&ec2, &address.allocation_id).await.is_some());

    addresses::associate(
        &ec2,
        &address.allocation_id,
        &AssociationTarget::Instance(instance.clone()),
    )
    .await
    .expect("associate");
    let now = described(&ec2, &address.allocation_id).await.unwrap();
    assert_eq!(now.instance_id(), Some(instance.as_str()));

    let refused = addresses::release(&ec2, &address.allocation_id)
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, AppError::Validation { message, .. } if message.contains(&instance)),
        "{refused:?}"
    );
    assert!(
        described(&ec2, &address.allocation_id).await.is_some(),
        "still allocated"
    );

    addresses::disassociate(&ec2, &address.allocation_id)
        .await
        .expect("disassociate");
    let now = described(&ec2, &address.allocation_id).await.unwrap();
    assert!(now.association_id().is_none() && now.instance_id().is_none_or(str::is_empty));
    let again = addresses::disassociate(&ec2, &address.allocation_id)
        .await
        .unwrap_err();
    assert!(matches!(again, AppError::Validation { .. }));

    addresses::release(&ec2, &address.allocation_id)
        .await
        .expect("release");
    assert!(described(&ec2, &address.allocation_id).await.is_none());
    let gone = addresses::release(&ec2, &address.allocation_id)
        .await
        .unwrap_err();
    assert!(
        matches!(&gone, AppError::Aws { code, .. } if code.starts_with("InvalidAllocationID")),
        "{gone:?}"
    );
}

#[tokio::test]
async fn associating_with_a_missing_instance_shows_the_aws_code() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let address = addresses::allocate(&ec2).await.unwrap();
    let err = addresses::associate(
        &ec2,
        &address.allocation_id,
        &AssociationTarget::Instance("i-0123456789abcdef0".into()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&err, AppError::Aws { code, .. } if code.starts_with("InvalidInstanceID")),
        "{err:?}"
    );
    assert!(described(&ec2, &address.allocation_id)
        .await
        .unwrap()
        .association_id()
        .is_none());
}
