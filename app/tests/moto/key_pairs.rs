//! Key pairs against a real moto server: create, import and list; delete, and the instances that
//! use a key.

use app::error::AppError;
use app::key_pairs::{ssr as key_pairs, KeyAlgorithm};
use testkit::{any_ami, MotoServer};

const REGION: &str = "us-east-1";

#[tokio::test]
async fn users_are_named_and_delete_removes_only_that_key() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    key_pairs::create(&ec2, "used", KeyAlgorithm::Ed25519)
        .await
        .unwrap();
    key_pairs::create(&ec2, "spare", KeyAlgorithm::Rsa).await.unwrap();
    let ami = any_ami(&ec2).await;
    let out = ec2
        .run_instances()
        .image_id(&ami)
        .instance_type(aws_sdk_ec2::types::InstanceType::T3Micro)
        .key_name("used")
        .min_count(2)
        .max_count(2)
        .send()
        .await
        .unwrap();
    let ids: Vec<String> = out
        .instances()
        .iter()
        .filter_map(|i| i.instance_id().map(str::to_string))
        .collect();
    ec2.terminate_instances()
        .instance_ids(&ids[1])
        .send()
        .await
        .unwrap();

    assert_eq!(
        key_pairs::users(&ec2, "used").await.unwrap(),
        vec![ids[0].clone()],
        "terminated instances are not users"
    );
    assert!(key_pairs::users(&ec2, "spare").await.unwrap().is_empty());

    key_pairs::delete(&ec2, "spare").await.expect("delete");
    let names: Vec<String> = ec2
        .describe_key_pairs()
        .send()
        .await
        .unwrap()
        .key_pairs()
        .iter()
        .filter_map(|k| k.key_name().map(str::to_string))
        .collect();
    assert_eq!(names, ["used"]);
    let missing = key_pairs::delete(&ec2, "spare").await.unwrap_err();
    assert!(
        matches!(&missing, AppError::Aws { code, .. } if code == "InvalidKeyPair.NotFound"),
        "{missing:?}"
    );
}

#[tokio::test]
async fn key_pairs_are_created_once_imported_and_listed() {
    let moto = MotoServer::start_with_demo_amis();
    let ec2 = moto.ec2(REGION).await;
    let rsa = key_pairs::create(&ec2, "rsa-key", KeyAlgorithm::Rsa)
        .await
        .unwrap();
    assert!(
        rsa.private_key.starts_with("-----BEGIN"),
        "RSA private key in PEM"
    );
    let again = key_pairs::create(&ec2, "rsa-key", KeyAlgorithm::Rsa)
        .await
        .unwrap_err();
    assert!(
        matches!(&again, AppError::Aws { code, .. } if code == "InvalidKeyPair.Duplicate"),
        "{again:?}"
    );
    let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g me@laptop";
    let imported = key_pairs::import(&ec2, "laptop", public).await.unwrap();
    assert_eq!(imported.key_type, "ed25519");
    let listed = key_pairs::list(&ec2).await.unwrap();
    assert_eq!(
        listed.iter().map(|k| k.name.as_str()).collect::<Vec<_>>(),
        ["laptop", "rsa-key"]
    );
    let described = ec2
        .describe_key_pairs()
        .key_names("rsa-key")
        .send()
        .await
        .unwrap();
    assert!(
        described.key_pairs()[0]
            .public_key()
            .is_none_or(|k| !k.contains("PRIVATE")),
        "AWS never returns the private key again"
    );
}
