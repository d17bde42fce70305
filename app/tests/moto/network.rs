//! The Network page's reads against a real moto server, checked against the raw API.

use app::network::ssr as network;
use testkit::{any_ami, launch, MotoServer};

const REGION: &str = "us-east-1";

#[tokio::test]
async fn vpcs_subnets_interfaces_acls_and_routes_read_as_the_api_says() {
    let moto = MotoServer::start();
    let ec2 = moto.ec2(REGION).await;
    let vpc = ec2
        .create_vpc()
        .cidr_block("10.42.0.0/16")
        .send()
        .await
        .unwrap()
        .vpc()
        .unwrap()
        .vpc_id()
        .unwrap()
        .to_string();
    let subnet = ec2
        .create_subnet()
        .vpc_id(&vpc)
        .cidr_block("10.42.1.0/24")
        .availability_zone(format!("{REGION}a"))
        .send()
        .await
        .unwrap()
        .subnet()
        .unwrap()
        .subnet_id()
        .unwrap()
        .to_string();
    let ami = any_ami(&ec2).await;
    let instance = launch(&ec2, &ami, "net", "t3.micro", 1).await.remove(0);

    let net = network::network(&ec2).await.unwrap();
    assert!(net.vpcs[0].is_default, "the default VPC comes first");
    let mine = net.vpcs.iter().find(|v| v.id == vpc).unwrap();
    assert_eq!(mine.cidr, "10.42.0.0/16");
    let s = net.subnets.iter().find(|s| s.id == subnet).unwrap();
    assert_eq!(
        (s.vpc_id.as_str(), s.cidr.as_str(), s.availability_zone.as_str()),
        (vpc.as_str(), "10.42.1.0/24", "us-east-1a")
    );
    assert!(s.available_ips > 200 && s.available_ips < 256);

    let interfaces = network::interfaces(&ec2).await.unwrap();
    let eni = interfaces
        .iter()
        .find(|n| n.instance_id.as_deref() == Some(instance.as_str()))
        .expect("the instance's ENI");
    let raw = ec2
        .describe_instances()
        .instance_ids(&instance)
        .send()
        .await
        .unwrap();
    let raw = &raw.reservations()[0].instances()[0];
    assert_eq!(Some(eni.private_ip.as_str()), raw.private_ip_address());

    let acls = network::acls(&ec2).await.unwrap();
    let acl = acls
        .iter()
        .find(|a| a.vpc_id == vpc && a.is_default)
        .expect("the new VPC's default ACL");
    assert!(acl
        .entries
        .iter()
        .any(|e| !e.egress && e.action == "allow" && e.cidr == "0.0.0.0/0"));
    assert!(acl.entries.iter().any(|e| e.egress));

    let tables = network::route_tables(&ec2).await.unwrap();
    let main = tables
        .iter()
        .find(|t| t.vpc_id == vpc && t.main)
        .expect("the new VPC's main route table");
    assert!(
        main.routes
            .iter()
            .any(|(dest, target, _)| dest == "10.42.0.0/16" && target == "local"),
        "{:?}",
        main.routes
    );
}
