//! The dashboard's counts and zones against a real moto, checked against what was created.

use app::dashboard::{ssr, CountKind};
use testkit::{any_ami, launch, MotoServer};

#[tokio::test]
async fn counts_match_what_exists() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2("eu-west-1").await;
    let ami = any_ami(&ec2).await;
    let ids = launch(&ec2, &ami, "web", "t3.micro", 3).await;
    ec2.stop_instances().instance_ids(&ids[0]).send().await.unwrap();
    let az = format!("{}a", "eu-west-1");
    let volume = ec2
        .create_volume()
        .availability_zone(&az)
        .size(8)
        .send()
        .await
        .unwrap();
    // moto files its AMI catalogue's snapshots under the caller's account: count the one we add.
    let snapshots_before = ssr::count(&ec2, CountKind::Snapshots).await.unwrap();
    ec2.create_snapshot()
        .volume_id(volume.volume_id().unwrap())
        .send()
        .await
        .unwrap();
    ec2.create_key_pair().key_name("k1").send().await.unwrap();
    ec2.allocate_address().send().await.unwrap();
    let image = ec2
        .create_image()
        .instance_id(&ids[1])
        .name("mine")
        .send()
        .await
        .unwrap()
        .image_id()
        .unwrap()
        .to_string();
    let image_snapshots = ec2
        .describe_images()
        .image_ids(&image)
        .send()
        .await
        .unwrap()
        .images()[0]
        .block_device_mappings()
        .iter()
        .filter(|m| m.ebs().and_then(|e| e.snapshot_id()).is_some())
        .count() as u64;

    let count = |kind| {
        let ec2 = ec2.clone();
        async move { ssr::count(&ec2, kind).await.unwrap() }
    };
    assert_eq!(count(CountKind::RunningInstances).await, 2);
    assert_eq!(count(CountKind::StoppedInstances).await, 1);
    let volumes = ec2.describe_volumes().send().await.unwrap().volumes().len() as u64;
    assert_eq!(count(CountKind::Volumes).await, volumes);
    assert!(volumes >= 4, "3 root volumes and the created one");
    assert_eq!(
        count(CountKind::Snapshots).await,
        snapshots_before + 1 + image_snapshots
    );
    assert_eq!(count(CountKind::KeyPairs).await, 1);
    assert_eq!(count(CountKind::ElasticIps).await, 1);
    assert_eq!(count(CountKind::OwnedImages).await, 1);
    let groups = ec2
        .describe_security_groups()
        .send()
        .await
        .unwrap()
        .security_groups()
        .len() as u64;
    assert_eq!(count(CountKind::SecurityGroups).await, groups);

    let zones = ssr::zones(&ec2).await.unwrap();
    assert!(
        zones.iter().any(|z| z.name == az && z.state == "available"),
        "{zones:?}"
    );
}
