//! AMIs against a real moto server: the quick-start row and search over the demo catalogue; create
//! an image from an instance, find it in "My AMIs", launch from it, deregister it with its snapshots.

use crate::common::{self, AL2023_ARM, AL2023_X86};

use app::images::{ssr as images, ImageScope};
use app::launch::{ssr::launch, LaunchRequest, VolumeSpec};
use testkit::{any_ami, launch as run, MotoServer};

const REGION: &str = "us-east-1";

#[tokio::test]
async fn an_image_made_from_an_instance_launches_and_deregisters_with_its_snapshots() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let ami = any_ami(&ec2).await;
    let source = run(&ec2, &ami, "golden", "t3.micro", 1).await.remove(0);

    let id = images::create(&ec2, &source, "golden-image", "made by the test", true, &[])
        .await
        .expect("create image");
    let mine = images::search(&ec2, ImageScope::Mine, "").await.unwrap();
    let image = mine
        .images
        .iter()
        .find(|i| i.id == id)
        .expect("in My AMIs")
        .clone();
    assert_eq!(image.name, "golden-image");
    assert_eq!(
        images::search(&ec2, ImageScope::Mine, "golden")
            .await
            .unwrap()
            .images
            .len(),
        1
    );

    let req = LaunchRequest {
        image_id: id.clone(),
        instance_type: "t3.micro".into(),
        client_token: "from-image".into(),
        root: VolumeSpec::gp3(
            if image.root_device_name.is_empty() {
                "/dev/xvda"
            } else {
                &image.root_device_name
            },
            image.root_volume_size.unwrap_or(8).max(8),
            true,
        ),
        ..LaunchRequest::default()
    };
    let store = common::store("image-launch").await;
    let launched = launch(&store, &ec2, "123456789012", REGION, req)
        .await
        .expect("launch from the image");
    let instance = ec2
        .describe_instances()
        .instance_ids(&launched.instance_ids[0])
        .send()
        .await
        .unwrap();
    assert_eq!(
        instance.reservations()[0].instances()[0].image_id(),
        Some(id.as_str())
    );

    // A data volume can be left out of an image; the root volume cannot.
    let described = ec2
        .describe_instances()
        .instance_ids(&source)
        .send()
        .await
        .unwrap();
    let raw = &described.reservations()[0].instances()[0];
    let zone = raw
        .placement()
        .and_then(|p| p.availability_zone())
        .unwrap()
        .to_string();
    let devices: Vec<String> = raw
        .block_device_mappings()
        .iter()
        .filter_map(|m| m.device_name().map(str::to_string))
        .collect();
    let root = app::images::root_device(raw.root_device_name().unwrap_or_default(), &devices).unwrap();
    let data = ec2
        .create_volume()
        .availability_zone(&zone)
        .size(5)
        .send()
        .await
        .unwrap()
        .volume_id()
        .unwrap()
        .to_string();
    ec2.attach_volume()
        .volume_id(&data)
        .instance_id(&source)
        .device("/dev/sdf")
        .send()
        .await
        .unwrap();
    let refused = images::create(&ec2, &source, "no-root", "", true, std::slice::from_ref(&root))
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, app::error::AppError::Validation { field, .. } if field == "volumes"),
        "{refused:?}"
    );
    // moto's images carry only the source AMI's mappings, so what is left out cannot be read back
    // here; the request with NoDevice for the data volume is accepted and makes an image.
    let without = images::create(&ec2, &source, "without-data", "", true, &["/dev/sdf".into()])
        .await
        .expect("an image without the data volume");
    assert!(images::search(&ec2, ImageScope::Mine, "without-data")
        .await
        .unwrap()
        .images
        .iter()
        .any(|i| i.id == without));

    let snapshots = image.snapshot_ids.clone();
    let deleted = images::deregister(&ec2, &id, true).await.expect("deregister");
    assert_eq!(deleted, snapshots);
    assert!(images::search(&ec2, ImageScope::Mine, "")
        .await
        .unwrap()
        .images
        .iter()
        .all(|i| i.id != id));
    for snapshot in &snapshots {
        assert!(
            ec2.describe_snapshots()
                .snapshot_ids(snapshot)
                .send()
                .await
                .is_err(),
            "{snapshot} deleted"
        );
    }
}

#[tokio::test]
async fn quick_start_and_search_find_the_catalogue() {
    let moto = MotoServer::start_with_demo_amis();
    let ec2 = moto.ec2(REGION).await;
    let row = images::quick_start(&ec2, "test-quick-start").await.unwrap();
    let families: Vec<&str> = row.iter().map(|f| f.family.as_str()).collect();
    assert_eq!(families.len(), 6, "{families:?}");
    let al = &row[0];
    assert_eq!(al.family, "Amazon Linux 2023");
    assert_eq!(
        al.images
            .iter()
            .map(|i| i.architecture.as_str())
            .collect::<Vec<_>>(),
        ["x86_64", "arm64"]
    );
    assert_eq!(al.images[0].id, AL2023_X86);
    assert_eq!(al.images[0].root_device_type, "ebs");

    let ubuntu = images::search(&ec2, ImageScope::Public, "noble").await.unwrap();
    assert_eq!(ubuntu.images.len(), 2);
    let by_description = images::search(&ec2, ImageScope::Public, "Canonical")
        .await
        .unwrap();
    assert_eq!(by_description.images.len(), 2);
    let arm = images::search(&ec2, ImageScope::Public, "arm64").await.unwrap();
    assert!(arm.images.iter().all(|i| i.architecture == "arm64") && arm.images.len() == 2);
    let by_id = images::search(&ec2, ImageScope::Public, AL2023_ARM)
        .await
        .unwrap();
    assert_eq!(by_id.images.len(), 1);
    let mine = images::search(&ec2, ImageScope::Mine, "").await.unwrap();
    assert!(mine.images.is_empty());
}
