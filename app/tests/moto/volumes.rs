//! Volumes and snapshots against a real moto server, each result read back with `DescribeVolumes`
//! or `DescribeSnapshots`; the console's own refusals (other AZ, attached) change nothing.

use app::error::AppError;
use app::volumes::{ssr as volumes, NewVolume};
use testkit::{any_ami, launch, MotoServer};

const REGION: &str = "us-east-1";

fn new_volume(az: &str, size: i32) -> NewVolume {
    NewVolume {
        availability_zone: az.into(),
        size_gib: size,
        volume_type: "gp3".into(),
        iops: Some(3000),
        throughput: Some(125),
        encrypted: true,
        snapshot_id: None,
        name: "data vol".into(),
    }
}

async fn read(ec2: &aws_sdk_ec2::Client, id: &str) -> Option<aws_sdk_ec2::types::Volume> {
    ec2.describe_volumes()
        .send()
        .await
        .unwrap()
        .volumes()
        .iter()
        .find(|v| v.volume_id() == Some(id))
        .cloned()
}

#[tokio::test]
async fn create_attach_refuse_delete_detach_snapshot_restore_delete() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let instance = launch(&ec2, &ami, "vol-host", "t3.micro", 1).await.remove(0);
    let zone = ec2
        .describe_instances()
        .instance_ids(&instance)
        .send()
        .await
        .unwrap()
        .reservations()[0]
        .instances()[0]
        .placement()
        .and_then(|p| p.availability_zone())
        .unwrap()
        .to_string();
    let other_zone = if zone.ends_with('a') {
        format!("{REGION}b")
    } else {
        format!("{REGION}a")
    };

    let volume = volumes::create(&ec2, &new_volume(&zone, 20))
        .await
        .expect("create");
    let v = read(&ec2, &volume.id).await.unwrap();
    assert_eq!(
        (v.size(), v.volume_type().map(|t| t.as_str()), v.encrypted()),
        (Some(20), Some("gp3"), Some(true))
    );
    assert_eq!(app::network::ssr::name_tag(v.tags()).as_deref(), Some("data vol"));

    let elsewhere = volumes::create(&ec2, &new_volume(&other_zone, 5)).await.unwrap();
    let refused = volumes::attach(&ec2, &elsewhere.id, &instance, "/dev/sdg")
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, AppError::Validation { field, message } if field == "instance" && message.contains("own Availability Zone")),
        "{refused:?}"
    );
    assert!(
        read(&ec2, &elsewhere.id).await.unwrap().attachments().is_empty(),
        "moto would have attached it"
    );

    volumes::attach(&ec2, &volume.id, &instance, "/dev/sdf")
        .await
        .expect("attach");
    let attached = read(&ec2, &volume.id).await.unwrap();
    assert_eq!(attached.attachments()[0].instance_id(), Some(instance.as_str()));
    assert_eq!(attached.attachments()[0].device(), Some("/dev/sdf"));

    let busy = volumes::delete(&ec2, &volume.id).await.unwrap_err();
    assert!(
        matches!(&busy, AppError::Validation { message, .. } if message.contains("detach it before deleting")),
        "{busy:?}"
    );
    assert!(read(&ec2, &volume.id).await.is_some());

    volumes::detach(&ec2, &volume.id).await.expect("detach");
    assert!(read(&ec2, &volume.id).await.unwrap().attachments().is_empty());

    let snapshot = volumes::snapshot(&ec2, &volume.id, "nightly")
        .await
        .expect("snapshot");
    let listed = volumes::snapshots(&ec2).await.unwrap();
    assert!(listed
        .iter()
        .any(|s| s.id == snapshot.id && s.volume_id == volume.id && s.description == "nightly"));

    let small = NewVolume {
        snapshot_id: Some(snapshot.id.clone()),
        ..new_volume(&zone, 10)
    };
    let too_small = volumes::create(&ec2, &small).await.unwrap_err();
    assert!(
        matches!(&too_small, AppError::Validation { field, .. } if field == "size"),
        "{too_small:?}"
    );
    let restored = volumes::create(
        &ec2,
        &NewVolume {
            snapshot_id: Some(snapshot.id.clone()),
            ..new_volume(&zone, 20)
        },
    )
    .await
    .expect("from snapshot");
    assert_eq!(
        read(&ec2, &restored.id).await.unwrap().snapshot_id(),
        Some(snapshot.id.as_str())
    );

    volumes::delete(&ec2, &volume.id).await.expect("delete");
    assert!(read(&ec2, &volume.id).await.is_none());
    volumes::delete_snapshot(&ec2, &snapshot.id)
        .await
        .expect("delete snapshot");
    assert!(volumes::snapshots(&ec2)
        .await
        .unwrap()
        .iter()
        .all(|s| s.id != snapshot.id));
}
